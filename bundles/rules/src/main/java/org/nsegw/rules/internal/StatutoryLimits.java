package org.nsegw.rules.internal;

import java.util.List;
import java.util.OptionalInt;

/**
 * The gross-weight limits of 《超限运输车辆行驶公路管理规定》 (交通运输部令2016年第62号) Art. 3 and the adjustments of the
 * 2016 standard it refers to. A tandem counts as 2 axles and a tridem as 3: the table is by axle count.
 */
public final class StatutoryLimits {

    public static final String LEGAL_BASIS = "《超限运输车辆行驶公路管理规定》第三条";

    /** Non-drive and trailer axles are presumed dual-tyred; single tyres there lower the limit by this much. */
    public static final int SINGLE_TYRE_REDUCTION_KG = 3_000;
    /** Drive axle dual-tyred with air suspension: 3- and 4-axle trucks may weigh this much more. */
    public static final int AIR_SUSPENSION_TRUCK_BONUS_KG = 1_000;
    /** 4-axle articulated combination, drive axle dual-tyred with air suspension, trailer axles ≥ 1.8 m apart. */
    public static final int AIR_SUSPENSION_4_AXLE_COMBINATION_KG = 37_000;
    /** The trailer axle spacing that {@link #AIR_SUSPENSION_4_AXLE_COMBINATION_KG} requires. */
    public static final int AIR_SUSPENSION_4_AXLE_TRAILER_SPACING_MM = 1_800;
    /** 6 or more axles, when the tractor has a single drive axle. */
    public static final int SIX_AXLE_SINGLE_DRIVE_KG = 46_000;

    /** One row of the Art. 3 table; {@code axles} 6 stands for 6 or more. */
    public record Row(int axles, VehicleKind kind, int limitKg) {
    }

    private static final List<Row> ROWS = List.of(
            new Row(2, VehicleKind.TRUCK, 18_000),
            new Row(3, VehicleKind.TRUCK, 25_000),
            new Row(3, VehicleKind.COMBINATION, 27_000),
            new Row(4, VehicleKind.TRUCK, 31_000),
            new Row(4, VehicleKind.COMBINATION, 36_000),
            new Row(5, VehicleKind.COMBINATION, 43_000),
            new Row(6, VehicleKind.COMBINATION, 49_000));

    private StatutoryLimits() {
    }

    /** The rows of the table, in its order. */
    public static List<Row> rows() {
        return ROWS;
    }

    /** The lowest limit of the table, which binds when nothing is known about a vehicle. */
    public static int lowestKg() {
        return ROWS.get(0).limitKg();
    }

    /** The highest limit of the table. */
    public static int highestKg() {
        return ROWS.get(ROWS.size() - 1).limitKg();
    }

    /**
     * The table's limit before adjustments; empty when the table has no such row (a 2-axle combination, a truck of 5
     * or more axles).
     */
    public static OptionalInt baseLimitKg(int axles, VehicleKind kind) {
        int row = Math.min(axles, 6);
        for (Row r : ROWS) {
            if (r.axles() == row && r.kind() == kind) {
                return OptionalInt.of(r.limitKg());
            }
        }
        return OptionalInt.empty();
    }
}
