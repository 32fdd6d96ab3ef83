package org.nsegw.emulator.traffic;

import java.util.List;

/**
 * The goods vehicles of 《超限运输车辆行驶公路管理规定》 Art. 3, with a typical axle layout each.
 *
 */
public enum VehicleClass {
    TRUCK_2(2, false, 18_000, new int[] {0, 4_500}),
    TRUCK_3(3, false, 25_000, new int[] {0, 4_000, 1_350}),
    COMBINATION_3(3, true, 27_000, new int[] {0, 3_600, 6_800}),
    TRUCK_4(4, false, 31_000, new int[] {0, 1_900, 4_200, 1_350}),
    COMBINATION_4(4, true, 36_000, new int[] {0, 3_500, 6_600, 1_310}),
    COMBINATION_5(5, true, 43_000, new int[] {0, 3_600, 7_000, 1_310, 1_310}),
    COMBINATION_6(6, true, 49_000, new int[] {0, 3_200, 1_350, 7_200, 1_310, 1_310});

    private final int axles;
    private final boolean combination;
    private final int limitKg;
    private final int[] spacingsMm;

    VehicleClass(int axles, boolean combination, int limitKg, int[] spacingsMm) {
        this.axles = axles;
        this.combination = combination;
        this.limitKg = limitKg;
        this.spacingsMm = spacingsMm;
    }

    public int axles() {
        return axles;
    }

    /** A tractor with a (semi-)trailer, whose rear plate is the trailer's 挂 plate. */
    public boolean isCombination() {
        return combination;
    }

    /** The Art. 3 gross weight limit (for six axles, with a tractor of two drive axles). */
    public int limitKg() {
        return limitKg;
    }

    /** Typical distance of each axle to the one in front, in mm; 0 for the first. */
    public List<Integer> typicalSpacingsMm() {
        return java.util.Arrays.stream(spacingsMm).boxed().toList();
    }
}
