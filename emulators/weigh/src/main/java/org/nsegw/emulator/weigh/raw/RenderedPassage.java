package org.nsegw.emulator.weigh.raw;

import java.util.List;
import java.util.Objects;
import org.nsegw.emulator.traffic.EmulatedVehicle;

/**
 * The truth behind one vehicle's pulses: what the synthesizer made each row feel.
 *
 * @param vehicle         the vehicle, with its static axle loads
 * @param lane            the lane number in the frames
 * @param faults          what went wrong during its passage
 * @param firstAxleSample when its first axle crossed row 0, in samples from the start of the lane's stream
 * @param row0LoadsKg     each axle's dynamic load as row 0 felt it
 * @param row1LoadsKg     each axle's dynamic load as row 1 felt it (including a lane change's share)
 * @param axleSpeedsKmh   each axle's mean speed between the rows
 * @param row0Gain        row 0's true gain over the nominal (its calibration error is this minus 1)
 * @param row1Gain        row 1's true gain over the nominal
 */
public record RenderedPassage(EmulatedVehicle vehicle, int lane, PassageFaults faults, double firstAxleSample, List<Double> row0LoadsKg,
        List<Double> row1LoadsKg, List<Double> axleSpeedsKmh, double row0Gain, double row1Gain) {

    public RenderedPassage {
        Objects.requireNonNull(vehicle, "vehicle");
        Objects.requireNonNull(faults, "faults");
        row0LoadsKg = List.copyOf(row0LoadsKg);
        row1LoadsKg = List.copyOf(row1LoadsKg);
        axleSpeedsKmh = List.copyOf(axleSpeedsKmh);
    }

    /** The gross weight an ideal area-method reading with the nominal calibration gives: the rows' mean. */
    public double instrumentGrossKg() {
        double sum = 0;
        for (int i = 0; i < row0LoadsKg.size(); i++) {
            sum += (row0LoadsKg.get(i) * row0Gain + row1LoadsKg.get(i) * row1Gain) / 2;
        }
        return sum;
    }

    /** The dynamic gross weight, both rows' mean, without calibration error. */
    public double dynamicGrossKg() {
        double sum = 0;
        for (int i = 0; i < row0LoadsKg.size(); i++) {
            sum += (row0LoadsKg.get(i) + row1LoadsKg.get(i)) / 2;
        }
        return sum;
    }
}
