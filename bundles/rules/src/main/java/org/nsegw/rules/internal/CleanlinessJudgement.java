package org.nsegw.rules.internal;

import java.util.EnumMap;
import java.util.Map;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.rules.internal.Findings.Level;

/** Judges a site-exit passage: mud, an uncovered load, a dirty road, and whether the truck is a registered hauler. */
final class CleanlinessJudgement {

    private final CleanlinessSettings settings;

    CleanlinessJudgement(CleanlinessSettings settings) {
        this.settings = settings;
    }

    Findings judge(Passage passage) {
        Findings out = new Findings();
        // several frames may show the same thing: the most confident observation of each kind speaks for it
        Map<ObservationKind, Observation> strongest = new EnumMap<>(ObservationKind.class);
        for (Observation o : passage.observations()) {
            strongest.merge(o.kind(), o, (a, b) -> b.confidence() > a.confidence() ? b : a);
        }
        strongest.forEach((kind, o) -> {
            double threshold = threshold(kind);
            String seen = "摄像机" + o.cameraId() + "检测置信度" + Format.plain(o.confidence()) + "（阈值"
                    + Format.plain(threshold) + "），" + words(kind);
            if (o.confidence() >= threshold) {
                String whose = kind == ObservationKind.DIRTY_ROAD
                        ? "；路面不洁责任在工地（建设、施工单位），不在本车"
                        : passage.hasPlate() ? "；车辆" + passage.plate() : "；车辆号牌未确定";
                out.add(Level.BREACH, kind.name(), "", seen + whose);
            } else {
                out.add(Level.NOTE, "OBSERVATION_BELOW_THRESHOLD", "", kind.name() + "：" + seen + "，低于阈值，不认定");
            }
        });
        if (!settings.haulers().isEmpty() && passage.hasPlate()) {
            if (smallVehicle(passage)) {
                out.add(Level.NOTE, "HAULER_CHECK_NOT_APPLICABLE", "", "车辆" + passage.plate()
                        + "为小型车辆号牌（蓝牌或绿牌），不作登记运输车辆核验");
            } else if (!settings.haulers().contains(passage.plate())) {
                out.add(Level.BREACH, "UNREGISTERED_HAULER", "", "车辆" + passage.plate() + "不在本工地登记的"
                        + settings.haulers().size() + "辆运输车辆名单中");
            }
        }
        return out;
    }

    /** Whether a hauler check would be needed but the plate is not settled. */
    boolean haulerCheckImpossible(Passage passage) {
        return !settings.haulers().isEmpty() && !passage.hasPlate();
    }

    private double threshold(ObservationKind kind) {
        return switch (kind) {
            case MUDDY_VEHICLE -> settings.muddyConfidence();
            case UNCOVERED_LOAD -> settings.uncoveredConfidence();
            case DIRTY_ROAD -> settings.dirtyRoadConfidence();
        };
    }

    private static String words(ObservationKind kind) {
        return switch (kind) {
            case MUDDY_VEHICLE -> "车辆车轮或车身带泥驶出工地";
            case UNCOVERED_LOAD -> "车辆装载渣土等散装物料未密闭或未覆盖";
            case DIRTY_ROAD -> "工地出口路面不洁";
        };
    }

    /**
     * Blue and green plates are small vehicles (GA 36-2018), not spoil trucks: staff cars leaving the site are no
     * unregistered haulers. Only when every read of the settled plate says so.
     */
    private static boolean smallVehicle(Passage passage) {
        boolean any = false;
        for (PlateRead r : passage.plates()) {
            if (r.plate().equals(passage.plate())) {
                if (r.color() != PlateColor.BLUE && r.color() != PlateColor.GREEN) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}
