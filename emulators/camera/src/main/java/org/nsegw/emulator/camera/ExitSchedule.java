package org.nsegw.emulator.camera;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.nsegw.emulator.camera.scene.Load;
import org.nsegw.emulator.camera.scene.Truck;
import org.nsegw.emulator.traffic.EmulatedVehicle;

/**
 * The exit camera's trucks, made from the same traffic the gate ANPR emulator reads: the same front plates at the same
 * times (a gate camera reads at the vehicle's time), so that fusion can put the plate read and the cleanliness
 * observations of one exit together. Whether a truck is muddy and how its load is covered is drawn from the seed.
 */
public final class ExitSchedule {

    private ExitSchedule() {
    }

    /**
     * @param vehicles       the traffic (all of it leaves through this exit)
     * @param seed           the seed of the truth and the trucks' looks
     * @param muddyShare     the share of muddy trucks, 0 to 1
     * @param uncoveredShare the share of uncovered loads, 0 to 1; the rest are covered or closed, half each
     */
    public static List<ExitPass> of(List<EmulatedVehicle> vehicles, long seed, double muddyShare, double uncoveredShare) {
        if (!(muddyShare >= 0 && muddyShare <= 1 && uncoveredShare >= 0 && uncoveredShare <= 1)) {
            throw new IllegalArgumentException("shares are 0 to 1");
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<ExitPass> out = new ArrayList<>();
        for (EmulatedVehicle v : vehicles.stream().sorted(Comparator.comparing(EmulatedVehicle::time)).toList()) {
            boolean muddy = r.nextDouble() < muddyShare;
            double l = r.nextDouble();
            Load load = l < uncoveredShare ? Load.UNCOVERED : l < uncoveredShare + (1 - uncoveredShare) / 2 ? Load.COVERED : Load.CLOSED;
            out.add(new ExitPass(v.time(), new Truck(v.frontPlate(), muddy, load), r.nextLong()));
        }
        return out;
    }
}
