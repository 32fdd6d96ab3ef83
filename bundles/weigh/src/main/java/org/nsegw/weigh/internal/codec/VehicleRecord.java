package org.nsegw.weigh.internal.codec;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.WeighFlag;

/**
 * One vehicle as a weigh-in-motion controller (or the raw-signal processor) reports it, before the gateway adds
 * the device's identity, lane, verification and the time it received the record.
 *
 * @param time          the controller's own time of the vehicle, in the controller's local time; {@code null} if none
 * @param lane          the lane as the controller names it, empty if it does not
 * @param speedKmh      the measured speed
 * @param axles         the axles from front to back, with loads and spacings
 * @param grossWeightKg the gross weight the controller reports (usually the sum of the axle loads)
 * @param flags         quality conditions the controller reports
 * @param extra         fields the gateway does not interpret, kept as evidence (e.g. a controller's vehicle serial)
 */
public record VehicleRecord(
        LocalDateTime time,
        String lane,
        double speedKmh,
        List<Axle> axles,
        int grossWeightKg,
        Set<WeighFlag> flags,
        Map<String, String> extra) {

    public VehicleRecord {
        Objects.requireNonNull(lane, "lane");
        axles = List.copyOf(axles);
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(WeighFlag.class) : EnumSet.copyOf(flags));
        extra = Map.copyOf(extra);
        if (!(speedKmh >= 0)) {
            throw new IllegalArgumentException("speed must be >= 0, not " + speedKmh);
        }
        if (grossWeightKg < 0) {
            throw new IllegalArgumentException("negative gross weight " + grossWeightKg);
        }
    }
}
