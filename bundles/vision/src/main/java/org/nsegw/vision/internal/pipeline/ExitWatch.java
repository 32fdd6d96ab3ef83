package org.nsegw.vision.internal.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nsegw.api.vision.ObservationKind;
import org.opencv.core.Mat;

/**
 * Watches one exit frame by frame: keeps the last frames, notices a truck (through {@link Presence}), has every frame
 * with the truck analysed, and when the truck has left and the frames after it are in, hands back the whole exit as
 * a {@link Capture}. Without a truck it has the road judged every so often, and a dirty road becomes a capture of its
 * own, at most once per report interval. No files, no threads: the caller writes the evidence.
 */
public final class ExitWatch {

    /**
     * @param framesBefore frames kept from before the truck came
     * @param framesAfter  frames taken after it left
     * @param maxFrames    the most frames of one exit; a truck standing longer ends its exit there
     * @param roadEvery    how often the road is judged while no truck is there
     * @param roadReport   how long after a dirty road was reported it is reported again
     * @param minConfidence findings less confident than this are left out
     * @param stills       every frame is a whole exit with a truck (the gate camera's event pictures: one per read)
     */
    public record Settings(int framesBefore, int framesAfter, int maxFrames, Duration roadEvery, Duration roadReport,
            double minConfidence, boolean stills) {
    }

    private enum State { IDLE, TRUCK, AFTER }

    private final Settings settings;
    private final Presence presence;
    private final FrameAnalyzer analyzer;
    private final ArrayDeque<Shot> recent = new ArrayDeque<>();
    private State state = State.IDLE;
    private final List<Shot> frames = new ArrayList<>();
    private final Map<ObservationKind, Capture.Best> best = new EnumMap<>(ObservationKind.class);
    private int firstAt;
    private int firstAfter;
    private Instant lastRoadCheck;
    private Instant lastRoadReport;

    public ExitWatch(Settings settings, Presence presence, FrameAnalyzer analyzer) {
        this.settings = settings;
        this.presence = presence;
        this.analyzer = analyzer;
    }

    /** Takes the next frame (decoded into {@code bgr}); returns an exit when this frame completed one. */
    public Optional<Capture> frame(Shot shot, Mat bgr) {
        if (settings.stills()) {
            frames.clear();
            best.clear();
            frames.add(shot);
            analyse(bgr, shot);
            firstAt = 0;
            firstAfter = 1;
            return Optional.of(finish());
        }
        boolean truck = presence.present(bgr, shot.time());
        switch (state) {
            case IDLE -> {
                if (truck) {
                    begin(shot);
                    analyse(bgr, shot);
                } else {
                    checkRoad(shot, bgr);
                }
            }
            case TRUCK -> {
                frames.add(shot);
                if (truck) {
                    analyse(bgr, shot);
                }
                if (!truck || frames.size() >= settings.maxFrames()) {
                    firstAfter = truck ? frames.size() : frames.size() - 1;
                    state = State.AFTER;
                    if (truck) {
                        presence.relearn(); // as long as an exit may be: what stays in view is the exit's new background
                    }
                }
            }
            case AFTER -> frames.add(shot);
        }
        if (state == State.AFTER && (frames.size() - firstAfter >= settings.framesAfter() || frames.size() >= settings.maxFrames()
                + settings.framesAfter())) {
            return Optional.of(finish());
        }
        if (state == State.IDLE) {
            remember(shot);
        }
        return Optional.empty();
    }

    /** Whether a truck is being watched now. */
    public boolean busy() {
        return state != State.IDLE;
    }

    private void begin(Shot shot) {
        frames.clear();
        best.clear();
        frames.addAll(recent);
        firstAt = frames.size();
        frames.add(shot);
        state = State.TRUCK;
    }

    private void analyse(Mat bgr, Shot shot) {
        int index = frames.size() - 1;
        for (Finding f : analyzer.vehicle(bgr, shot.time())) {
            if (f.kind() != ObservationKind.DIRTY_ROAD && f.confidence() >= settings.minConfidence()) {
                best.merge(f.kind(), new Capture.Best(f, index), (a, b) -> b.finding().confidence() > a.finding().confidence() ? b : a);
            }
        }
    }

    private void checkRoad(Shot shot, Mat bgr) {
        if (lastRoadCheck != null && Duration.between(lastRoadCheck, shot.time()).compareTo(settings.roadEvery()) < 0) {
            return;
        }
        lastRoadCheck = shot.time();
        Optional<Finding> dirty = analyzer.road(bgr, shot.time()).filter(f -> f.confidence() >= settings.minConfidence());
        if (dirty.isEmpty() || lastRoadReport != null
                && Duration.between(lastRoadReport, shot.time()).compareTo(settings.roadReport()) < 0) {
            return;
        }
        lastRoadReport = shot.time();
        begin(shot);
        best.put(ObservationKind.DIRTY_ROAD, new Capture.Best(dirty.get(), firstAt));
        firstAfter = frames.size();
        state = State.AFTER;
    }

    private Capture finish() {
        Capture c = new Capture(frames, firstAt, Math.min(firstAfter, frames.size()), best);
        frames.clear();
        best.clear();
        recent.clear();
        state = State.IDLE;
        return c;
    }

    private void remember(Shot shot) {
        if (settings.framesBefore() == 0) {
            return;
        }
        recent.addLast(shot);
        while (recent.size() > settings.framesBefore()) {
            recent.removeFirst();
        }
    }
}
