package org.nsegw.weigh.internal.raw;

import java.util.List;
import java.util.Objects;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.weigh.internal.codec.VehicleRecord;

/**
 * A vehicle weighed from raw samples: the record a WIM controller would have sent, plus what only the raw signal
 * gives. {@link VehicleRecord} has no place for axle groups, and {@code WeighRecord} wants them, so they travel here
 * beside the record rather than squeezed into its text extras.
 *
 * @param record          the vehicle as any WIM controller reports it; its time is {@code null} (the processor has
 *                        no clock: the driver knows when the samples arrived) and its extras carry the sequence
 *                        numbers of the first and last axle and each axle's row loads and speed
 * @param groups          the axle groups, front to back: singles, tandems, tridems by {@code raw.groupSpacingM}
 * @param crossings       each axle's crossing of the two rows, front to back
 * @param firstAxleSample when the first axle crossed row 0 (sample index of the lane's clock, unwrapped)
 * @param lastAxleSample  when the last axle crossed row 0
 */
public record RawWimVehicle(VehicleRecord record, List<AxleGroup> groups, List<AxleCrossing> crossings, double firstAxleSample,
        double lastAxleSample) {

    public RawWimVehicle {
        Objects.requireNonNull(record, "record");
        groups = List.copyOf(groups);
        crossings = List.copyOf(crossings);
        if (crossings.size() != record.axles().size()) {
            throw new IllegalArgumentException(crossings.size() + " crossings for " + record.axles().size() + " axles");
        }
    }
}
