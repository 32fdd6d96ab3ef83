package org.nsegw.rules.internal;

import java.util.ArrayList;
import java.util.List;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.Suspension;
import org.nsegw.api.weigh.TyreFitting;
import org.nsegw.api.weigh.WeighRecord;

/**
 * The Art. 3 limit of one weighed vehicle. What the record cannot tell makes the limit a range: {@code lowKg} if
 * every unknown goes against the vehicle, {@code highKg} if every unknown goes its way. A case is only made against
 * {@code highKg}; a weight between the two goes to review.
 *
 * @param lowKg    the limit if every doubtful fact goes against the vehicle
 * @param highKg   the limit if every doubtful fact goes the vehicle's way (equal to {@code lowKg} when certain)
 * @param vehicle  the vehicle in words, e.g. {@code 6轴汽车列车}
 * @param notes    how the kind was derived and which adjustments were or were not applied, in words
 * @param doubts   why the limit is a range, in words; empty when certain
 */
record StatutoryLimit(int lowKg, int highKg, String vehicle, List<String> notes, List<String> doubts) {

    /** A spacing this long after the first axle pair is the gap between a tractor and its trailer. */
    static final int COUPLING_GAP_MM = 5_500;
    /** Adjacent axles closer than this act as one group (tandem, tridem). */
    static final int GROUP_SPACING_MM = 1_800;

    StatutoryLimit {
        notes = List.copyOf(notes);
        doubts = List.copyOf(doubts);
    }

    boolean certain() {
        return lowKg == highKg;
    }

    static StatutoryLimit of(Passage passage, WeighRecord weigh) {
        List<Axle> axles = weigh.axles();
        int n = axles.size();
        List<String> notes = new ArrayList<>();
        List<String> doubts = new ArrayList<>();
        if (n < 2) {
            doubts.add("称重记录无轴数信息（" + n + "轴），第三条限值在" + Format.kg(StatutoryLimits.lowestKg()) + "至"
                    + Format.kg(StatutoryLimits.highestKg()) + "之间");
            return new StatutoryLimit(StatutoryLimits.lowestKg(), StatutoryLimits.highestKg(), "轴数未知车辆", notes, doubts);
        }
        boolean trailerPlate = !passage.trailerPlate().isEmpty();
        int gap = couplingGap(axles);
        if (n == 2) {
            if (trailerPlate) {
                doubts.add("2轴称重记录与挂车号牌" + passage.trailerPlate() + "矛盾，可能漏计挂车轴");
                return new StatutoryLimit(StatutoryLimits.lowestKg(), StatutoryLimits.highestKg(), "2轴车辆", notes, doubts);
            }
            notes.add("2轴车辆按货车计");
            return new StatutoryLimit(StatutoryLimits.lowestKg(), StatutoryLimits.lowestKg(), "2轴货车", notes, doubts);
        }
        VehicleKind kind;
        boolean kindCertain = true;
        if (trailerPlate) {
            kind = VehicleKind.COMBINATION;
            notes.add("挂车号牌" + passage.trailerPlate() + "，判为汽车列车");
        } else if (gap > 0) {
            kind = VehicleKind.COMBINATION;
            notes.add("第" + gap + "、" + (gap + 1) + "轴间距" + Format.grouped(axles.get(gap).spacingToPreviousMm())
                    + " mm（≥" + Format.grouped(COUPLING_GAP_MM) + " mm），判为汽车列车");
        } else if (n >= 5) {
            kind = VehicleKind.COMBINATION;
            notes.add(n + "轴车辆未见挂车号牌或牵引间距；第三条" + n + "轴以上只有汽车列车限值，按汽车列车计");
        } else {
            kind = VehicleKind.TRUCK;
            if (rearPlateIsOwn(passage)) {
                notes.add("后部号牌与前部号牌相同，无挂车，判为货车");
            } else {
                kindCertain = false;
                notes.add("未见挂车号牌或牵引间距，按轴型判为货车");
                doubts.add("无后部号牌确认无挂车：若为汽车列车，限值为"
                        + Format.kg(StatutoryLimits.baseLimitKg(n, VehicleKind.COMBINATION).orElseThrow()));
            }
        }
        Range range = kind == VehicleKind.TRUCK ? truck(axles, notes, doubts) : combination(weigh, gap, notes, doubts);
        int high = range.highKg();
        if (!kindCertain) {
            high = Math.max(high, combination(weigh, 0, new ArrayList<>(), doubts).highKg());
        }
        return new StatutoryLimit(range.lowKg(), high, n + "轴" + kind.chinese(), notes, doubts);
    }

    private record Range(int lowKg, int highKg) {
        Range(int kg) {
            this(kg, kg);
        }
    }

    /** 3 or 4 axles; the rearmost group is the drive group. */
    private static Range truck(List<Axle> axles, List<String> notes, List<String> doubts) {
        int base = StatutoryLimits.baseLimitKg(axles.size(), VehicleKind.TRUCK).orElseThrow();
        notes.add("货车非驱动轴为转向轴，单胎减3,000 kg不适用");
        // the steer axle never belongs to the drive group, even when spacings are unknown
        List<Axle> drive = axles.subList(Math.max(1, rearGroupStart(axles, axles.size())), axles.size());
        boolean spacingsKnown = axles.subList(1, axles.size()).stream().allMatch(a -> a.spacingToPreviousMm() > 0);
        Air air = airSuspended(drive);
        if (air == Air.NO && !spacingsKnown) {
            air = Air.UNKNOWN; // without spacings the drive group is not known, so neither is its equipment
        }
        int bonus = StatutoryLimits.AIR_SUSPENSION_TRUCK_BONUS_KG;
        return switch (air) {
            case YES -> {
                notes.add("驱动轴双胎空气悬架，限值加" + Format.kg(bonus));
                yield new Range(base + bonus);
            }
            case NO -> {
                notes.add("驱动轴非双胎空气悬架，不加限值");
                yield new Range(base);
            }
            case UNKNOWN -> {
                notes.add("驱动轴轮胎或悬架未知，未加空气悬架的" + Format.kg(bonus));
                doubts.add("若驱动轴为双胎空气悬架，限值为" + Format.kg(base + bonus));
                yield new Range(base, base + bonus);
            }
        };
    }

    /**
     * @param gap the index of the trailer's first axle, 0 when the layout does not show where the tractor ends
     */
    private static Range combination(WeighRecord weigh, int gap, List<String> notes, List<String> doubts) {
        List<Axle> axles = weigh.axles();
        int n = axles.size();
        int base = StatutoryLimits.baseLimitKg(n, VehicleKind.COMBINATION).orElseThrow();
        int low = base;
        int high = base;
        if (n >= 6) {
            if (gap >= 2 && singleDriveAxle(weigh, gap)) {
                notes.add("牵引车（前" + gap + "轴）驱动轴为单轴，限值" + Format.kg(StatutoryLimits.SIX_AXLE_SINGLE_DRIVE_KG));
                low = high = StatutoryLimits.SIX_AXLE_SINGLE_DRIVE_KG;
            } else {
                notes.add("牵引车驱动轴是否为单轴无法判定，按较高限值" + Format.kg(base) + "（不适用"
                        + Format.kg(StatutoryLimits.SIX_AXLE_SINGLE_DRIVE_KG) + "）");
            }
        } else if (n == 4) {
            int special = StatutoryLimits.AIR_SUSPENSION_4_AXLE_COMBINATION_KG;
            if (gap == 2) {
                int trailerSpacing = axles.get(3).spacingToPreviousMm();
                Air air = trailerSpacing > 0 && trailerSpacing < StatutoryLimits.AIR_SUSPENSION_4_AXLE_TRAILER_SPACING_MM
                        ? Air.NO
                        : airSuspended(axles.subList(1, 2));
                if (air == Air.YES && trailerSpacing == 0) {
                    air = Air.UNKNOWN;
                }
                if (air == Air.YES) {
                    notes.add("铰接列车驱动轴双胎空气悬架、挂车轴距≥1.8 m，限值" + Format.kg(special));
                    low = high = special;
                } else if (air == Air.UNKNOWN) {
                    notes.add("驱动轴轮胎或悬架未知，未按" + Format.kg(special) + "计");
                    doubts.add("若驱动轴为双胎空气悬架，限值为" + Format.kg(special));
                    high = special;
                } else {
                    notes.add("不符合" + Format.kg(special) + "的条件（驱动轴双胎空气悬架且挂车轴距≥1.8 m）");
                }
            } else {
                notes.add("牵引车与挂车轴位无法确定，未按" + Format.kg(special) + "计");
                doubts.add("若为驱动轴双胎空气悬架、挂车轴距≥1.8 m的铰接列车，限值为" + Format.kg(special));
                high = special;
            }
        }
        if (gap > 0) {
            boolean single = axles.subList(gap, n).stream().anyMatch(a -> a.tyres() == TyreFitting.SINGLE);
            if (single) {
                notes.add("挂车轴为单胎，限值减" + Format.kg(StatutoryLimits.SINGLE_TYRE_REDUCTION_KG));
                low -= StatutoryLimits.SINGLE_TYRE_REDUCTION_KG;
                high -= StatutoryLimits.SINGLE_TYRE_REDUCTION_KG;
            } else {
                notes.add("挂车轴未见单胎，不减限值");
            }
        } else {
            notes.add("挂车轴无法确定，按双胎计，不减限值");
        }
        return new Range(low, high);
    }

    /** The index of the first axle after the first pair whose spacing is a coupling gap; 0 when none. */
    private static int couplingGap(List<Axle> axles) {
        for (int i = 2; i < axles.size(); i++) {
            if (axles.get(i).spacingToPreviousMm() >= COUPLING_GAP_MM) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The first axle of the group that ends just before {@code end}. Axles with an unknown spacing (0) join the group:
     * a group counts as a single axle only when the record shows it is one.
     */
    private static int rearGroupStart(List<Axle> axles, int end) {
        int start = end - 1;
        while (start > 0 && axles.get(start).spacingToPreviousMm() < GROUP_SPACING_MM) {
            start--;
        }
        return start;
    }

    private enum Air { YES, NO, UNKNOWN }

    /** Whether every axle given is dual-tyred (or wide single) and air-suspended. */
    private static Air airSuspended(List<Axle> drive) {
        boolean unknown = false;
        for (Axle a : drive) {
            if (a.tyres() == TyreFitting.SINGLE || a.suspension() == Suspension.OTHER) {
                return Air.NO;
            }
            unknown |= a.tyres() == TyreFitting.UNKNOWN || a.suspension() == Suspension.UNKNOWN;
        }
        return unknown ? Air.UNKNOWN : Air.YES;
    }

    /** A rear camera read the same plate as the one settled: a rigid truck shows its own plate at the rear. */
    private static boolean rearPlateIsOwn(Passage passage) {
        for (PlateRead r : passage.plates()) {
            if (r.position() == CameraPosition.REAR && r.isReadable() && r.plate().equals(passage.plate())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the tractor (the axles before the coupling gap) ends in a single axle, by the spacings and by the
     * record's own groups when it has them: a tractor's rearmost group is its drive group.
     */
    private static boolean singleDriveAxle(WeighRecord weigh, int gap) {
        if (rearGroupStart(weigh.axles(), gap) != gap - 1) {
            return false;
        }
        for (AxleGroup g : weigh.groups()) {
            if (g.firstAxle() <= gap - 1 && g.lastAxle() >= gap - 1 && g.axles() > 1) {
                return false;
            }
        }
        return true;
    }
}
