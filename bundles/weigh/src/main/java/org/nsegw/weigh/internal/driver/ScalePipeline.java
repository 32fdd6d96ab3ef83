package org.nsegw.weigh.internal.driver;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.nsegw.weigh.internal.codec.Codec;
import org.nsegw.weigh.internal.codec.Decoded;
import org.nsegw.weigh.internal.codec.ScaleReading;
import org.nsegw.weigh.internal.codec.WeightUnit;
import org.nsegw.weigh.internal.weighing.StaticWeighing;

/** A truck scale: readings from a continuous or polled codec, one weighing per vehicle. */
public final class ScalePipeline extends CodecPipeline<ScaleReading> {

    private final StaticWeighing weighing;
    private final WeightUnit profileUnit;

    /**
     * @param profileUnit the unit to assume when the frames do not say (the profile's {@code units})
     */
    public ScalePipeline(Codec<ScaleReading> codec, StaticWeighing weighing, WeightUnit profileUnit) {
        super(codec);
        if (profileUnit == WeightUnit.UNKNOWN) {
            throw new IllegalArgumentException("the profile must give the scale's units");
        }
        this.weighing = weighing;
        this.profileUnit = profileUnit;
    }

    /** Vehicles that left the scale before it was stable. */
    public long unstableVehicles() {
        return weighing.unstableVehicles();
    }

    @Override
    void values(Decoded.Value<ScaleReading> v, Instant now, List<Outcome> out) {
        ScaleReading reading = v.value();
        WeightUnit unit = reading.unit() == WeightUnit.UNKNOWN ? profileUnit : reading.unit();
        BigDecimal kg = unit.toKilograms(reading.weight());
        out.add(new Reading());
        weighing.accept(reading, kg, v.raw(), now).ifPresent(w -> out.add(new Measured(new Measurement(
                w.time(), 0, List.of(), List.of(), w.weightKg(), w.flags(), w.raw()))));
    }
}
