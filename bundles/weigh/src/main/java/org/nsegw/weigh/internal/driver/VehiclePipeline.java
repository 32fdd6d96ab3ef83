package org.nsegw.weigh.internal.driver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.weigh.internal.codec.Codec;
import org.nsegw.weigh.internal.codec.Decoded;
import org.nsegw.weigh.internal.codec.VehicleRecord;

/** A weigh-in-motion controller that reports whole vehicles. */
public final class VehiclePipeline implements Pipeline {

    private final Codec<VehicleRecord> codec;
    private final double groupSpacingM;

    /**
     * @param groupSpacingM axles closer than this form one group (tandem, tridem)
     */
    public VehiclePipeline(Codec<VehicleRecord> codec, double groupSpacingM) {
        this.codec = codec;
        this.groupSpacingM = groupSpacingM;
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

    private List<Outcome> outcomes(List<Decoded<VehicleRecord>> decoded, Instant now) {
        List<Outcome> out = new ArrayList<>(decoded.size());
        for (Decoded<VehicleRecord> d : decoded) {
            if (d instanceof Decoded.Rejected<VehicleRecord> r) {
                out.add(new Rejected(r.reason(), r.detail(), r.raw().length));
            } else {
                Decoded.Value<VehicleRecord> v = (Decoded.Value<VehicleRecord>) d;
                VehicleRecord rec = v.value();
                // The gateway's clock, not the controller's, times the record: the controller's time stays in the raw bytes.
                out.add(new Measured(new Measurement(now, rec.speedKmh(), rec.axles(),
                        AxleGroups.of(rec.axles(), groupSpacingM), rec.grossWeightKg(), rec.flags(), v.raw())));
            }
        }
        return out;
    }
}
