package org.nsegw.weigh.internal.driver;

import java.time.Instant;
import java.util.List;
import org.nsegw.weigh.internal.codec.Codec;
import org.nsegw.weigh.internal.codec.Decoded;
import org.nsegw.weigh.internal.codec.VehicleRecord;

/** A weigh-in-motion controller that reports whole vehicles. */
public final class VehiclePipeline extends CodecPipeline<VehicleRecord> {

    private final double groupSpacingM;

    /**
     * @param groupSpacingM axles closer than this form one group (tandem, tridem)
     */
    public VehiclePipeline(Codec<VehicleRecord> codec, double groupSpacingM) {
        super(codec);
        this.groupSpacingM = groupSpacingM;
    }

    @Override
    void values(Decoded.Value<VehicleRecord> v, Instant now, List<Outcome> out) {
        VehicleRecord rec = v.value();
        // The gateway's clock, not the controller's, times the record: the controller's time stays in the raw bytes.
        out.add(new Measured(new Measurement(now, rec.speedKmh(), rec.axles(), AxleGroups.of(rec.axles(), groupSpacingM),
                rec.grossWeightKg(), rec.flags(), v.raw())));
    }
}
