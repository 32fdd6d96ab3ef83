package org.nsegw.weigh.internal.driver;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nsegw.weigh.internal.codec.Codec;
import org.nsegw.weigh.internal.codec.Decoded;
import org.nsegw.weigh.internal.codec.ScaleReading;
import org.nsegw.weigh.internal.codec.WeightUnit;
import org.nsegw.weigh.internal.weighing.StaticWeighing;

/** A truck scale: readings from a continuous or polled codec, one weighing per vehicle. */
public final class ScalePipeline implements Pipeline {

    private final Codec<ScaleReading> codec;
    private final StaticWeighing weighing;
    private final WeightUnit profileUnit;

    /**
     * @param profileUnit the unit to assume when the frames do not say (the profile's {@code units})
     */
    public ScalePipeline(Codec<ScaleReading> codec, StaticWeighing weighing, WeightUnit profileUnit) {
        if (profileUnit == WeightUnit.UNKNOWN) {
            throw new IllegalArgumentException("the profile must give the scale's units");
        }
        this.codec = codec;
        this.weighing = weighing;
        this.profileUnit = profileUnit;
    }

    @Override
    public List<Outcome> feed(byte[] bytes, int offset, int length, Instant now) {
        return outcomes(codec.feed(bytes, offset, length), now);
    }

    @Override
    public Optional<byte[]> request() {
        return codec.request();
    }

    @Override
    public int pending() {
        return codec.pending();
    }

    @Override
    public List<Outcome> timeout(Instant now) {
        return outcomes(codec.timeout(), now);
    }

    /** Vehicles that left the scale before it was stable. */
    public long unstableVehicles() {
        return weighing.unstableVehicles();
    }

    private List<Outcome> outcomes(List<Decoded<ScaleReading>> decoded, Instant now) {
        List<Outcome> out = new ArrayList<>(decoded.size());
        for (Decoded<ScaleReading> d : decoded) {
            if (d instanceof Decoded.Rejected<ScaleReading> r) {
                out.add(new Rejected(r.reason(), r.detail(), r.raw().length));
                continue;
            }
            Decoded.Value<ScaleReading> v = (Decoded.Value<ScaleReading>) d;
            ScaleReading reading = v.value();
            WeightUnit unit = reading.unit() == WeightUnit.UNKNOWN ? profileUnit : reading.unit();
            BigDecimal kg = unit.toKilograms(reading.weight());
            out.add(new Reading());
            weighing.accept(reading, kg, v.raw(), now).ifPresent(w -> out.add(new Measured(new Measurement(
                    w.time(), 0, List.of(), List.of(), w.weightKg(), w.flags(), w.raw()))));
        }
        return out;
    }
}
