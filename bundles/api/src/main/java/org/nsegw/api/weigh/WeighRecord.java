package org.nsegw.api.weigh;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.nsegw.api.device.Verification;

/**
 * One vehicle weighed by one weigh sensor.
 *
 * @param deviceId      the weigh sensor's device id
 * @param lane          the lane the sensor sits in
 * @param time          when the last axle was weighed (UTC, millisecond precision)
 * @param speedKmh      the measured speed; 0 for a static scale
 * @param axles         the axles from front to back; empty when the device weighs whole vehicles only
 * @param groups        the axle groups; empty when unknown
 * @param grossWeightKg the gross vehicle weight
 * @param accuracyClass the device's accuracy class, e.g. {@code 5} (JJG 907) or {@code B+(7)} (COST 323)
 * @param verification  the device's verification certificate, or {@code null} if none is on file
 * @param flags         quality conditions noticed while weighing
 * @param raw           the bytes the record was decoded from, kept as evidence
 */
public record WeighRecord(
        String deviceId,
        String lane,
        Instant time,
        double speedKmh,
        List<Axle> axles,
        List<AxleGroup> groups,
        int grossWeightKg,
        String accuracyClass,
        Verification verification,
        Set<WeighFlag> flags,
        byte[] raw) {

    public WeighRecord {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(accuracyClass, "accuracyClass");
        if (!(speedKmh >= 0)) {
            throw new IllegalArgumentException("speed must be >= 0, not " + speedKmh);
        }
        if (grossWeightKg < 0) {
            throw new IllegalArgumentException("negative gross weight " + grossWeightKg);
        }
        axles = List.copyOf(axles);
        groups = List.copyOf(groups);
        for (AxleGroup g : groups) {
            if (g.lastAxle() >= axles.size()) {
                throw new IllegalArgumentException("axle group " + g + " beyond the " + axles.size() + " axles");
            }
        }
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(WeighFlag.class) : EnumSet.copyOf(flags));
        raw = raw.clone();
    }

    public int axleCount() {
        return axles.size();
    }

    /** The raw bytes; a copy, so that the record stays unchanged. */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** True when no quality flag is set. */
    public boolean isClean() {
        return flags.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeighRecord w
                && deviceId.equals(w.deviceId)
                && lane.equals(w.lane)
                && time.equals(w.time)
                && Double.compare(speedKmh, w.speedKmh) == 0
                && axles.equals(w.axles)
                && groups.equals(w.groups)
                && grossWeightKg == w.grossWeightKg
                && accuracyClass.equals(w.accuracyClass)
                && Objects.equals(verification, w.verification)
                && flags.equals(w.flags)
                && Arrays.equals(raw, w.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, lane, time, speedKmh, axles, groups, grossWeightKg, accuracyClass,
                verification, flags) * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "WeighRecord[" + deviceId + " lane " + lane + " at " + time + ", " + grossWeightKg + " kg, "
                + axles.size() + " axles, " + speedKmh + " km/h, flags " + flags + ", raw "
                + HexFormat.of().formatHex(raw, 0, Math.min(raw.length, 32)) + (raw.length > 32 ? "…" : "") + "]";
    }
}
