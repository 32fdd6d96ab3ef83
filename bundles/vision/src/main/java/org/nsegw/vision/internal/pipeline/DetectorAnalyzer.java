package org.nsegw.vision.internal.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.vision.internal.camera.ExitRegions;
import org.nsegw.vision.internal.camera.Polygon;
import org.nsegw.vision.internal.detect.Box;
import org.nsegw.vision.internal.detect.Detection;
import org.nsegw.vision.internal.detect.ExitDetectors;
import org.nsegw.vision.internal.detect.Regions;
import org.nsegw.vision.internal.detect.RoadWatch;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * The cleanliness detectors ({@code internal.detect}) as the pipeline calls them: {@link ExitDetectors} for the truck
 * kinds on frames with a truck, and for the road on frames without one through a {@link RoadWatch}, so that only a
 * road that stays dirty is reported.
 */
public final class DetectorAnalyzer implements FrameAnalyzer {

    private final ExitDetectors detectors = new ExitDetectors();
    private final Regions regions;
    private final Mat cleanRoad;
    private final RoadWatch road;

    /**
     * @param cleanRoad the clean road reference, or {@code null}: the road is judged on its own
     * @param threshold the per-frame confidence that counts the road as dirty
     */
    public DetectorAnalyzer(ExitRegions exit, Mat cleanRoad, double threshold, Duration sustain, Duration gap, Duration repeat) {
        Map<String, Object> zones = new LinkedHashMap<>();
        zones.put("wheelZone", form(exit.wheelZone()));
        zones.put("bodyZone", form(exit.bodyZone()));
        zones.put("roadZone", form(exit.roadZone()));
        zones.put("washArea", form(exit.washArea().orElse(exit.roadZone())));
        this.regions = Regions.parse(zones);
        this.cleanRoad = cleanRoad;
        this.road = new RoadWatch(sustain, threshold, gap, repeat);
    }

    @Override
    public List<Finding> vehicle(Mat bgr, Instant time) {
        return detectors.analyze(bgr, regions, cleanRoad).stream().filter(d -> d.kind() != ObservationKind.DIRTY_ROAD)
                .filter(d -> d.confidence() > 0).map(DetectorAnalyzer::finding).toList();
    }

    @Override
    public Optional<Finding> road(Mat bgr, Instant time) {
        Detection dirt = detectors.analyze(bgr, regions, cleanRoad).stream().filter(d -> d.kind() == ObservationKind.DIRTY_ROAD)
                .findFirst().orElseThrow();
        return road.observe(time, dirt).map(DetectorAnalyzer::finding);
    }

    private static Finding finding(Detection d) {
        return new Finding(d.kind(), d.score(), d.confidence(), d.where().stream().map(DetectorAnalyzer::rect).toList());
    }

    private static Rect rect(Box b) {
        return new Rect(b.x(), b.y(), b.width(), b.height());
    }

    private static List<String> form(Polygon p) {
        List<String> corners = new java.util.ArrayList<>();
        for (int i = 0; i < p.corners(); i++) {
            corners.add(p.x(i) + "," + p.y(i));
        }
        return corners;
    }
}
