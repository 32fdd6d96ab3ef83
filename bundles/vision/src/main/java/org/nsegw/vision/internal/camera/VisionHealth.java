package org.nsegw.vision.internal.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.vision.internal.source.SourceProblem;

/**
 * The health of one site camera from what its source delivers: online while good frames arrive; in error while
 * frames are refused (corrupt, wrong resolution, not a JPEG, too large, the account refused); offline when the camera
 * cannot be reached or is silent longer than its setting. Every problem is counted; each kind of problem raises one
 * alarm until a good frame clears it, so a camera that keeps failing does not flood the log. Pure; not thread-safe
 * (the caller serialises).
 */
public final class VisionHealth {

    private final String cameraId;
    private final Duration offlineAfter;
    private final Map<String, Long> counters = new TreeMap<>();
    private final Set<SourceProblem> alarmed = EnumSet.noneOf(SourceProblem.class);
    private DeviceStatus status;
    private Instant lastFrame;
    private boolean silenceAlarmed;

    public VisionHealth(String cameraId, String lane, Duration offlineAfter, Instant now) {
        this.cameraId = cameraId;
        this.offlineAfter = offlineAfter;
        this.status = DeviceStatus.waiting(cameraId, DeviceKind.SITE_CAMERA, lane, now)
                .withState(DeviceState.OFFLINE, "waiting for the first frame", now);
        this.lastFrame = now;
        for (String c : new String[] {"frames", "exits", "observations", "dropped"}) {
            counters.put(c, 0L);
        }
    }

    public DeviceStatus status() {
        return status.withCounters(counters);
    }

    /** A good frame was decoded. */
    public void frame(Instant now) {
        add("frames");
        lastFrame = now.isAfter(lastFrame) ? now : lastFrame;
        alarmed.clear();
        silenceAlarmed = false;
        status = status.withData(now);
    }

    /**
     * A frame did not come or was refused.
     *
     * @return the alarm text when this kind of problem has just begun
     */
    public Optional<String> problem(SourceProblem problem, String detail, Instant now) {
        add(problem.counter());
        if (problem.counter().startsWith("rejected.")) {
            add("rejected");
        }
        DeviceState state = switch (problem) {
            case UNREACHABLE -> DeviceState.OFFLINE;
            default -> DeviceState.ERROR;
        };
        String why = switch (problem) {
            case UNREACHABLE -> "cannot get frames: " + detail;
            case AUTH -> "its frames are refused: wrong user name or password (" + detail + ")";
            case CORRUPT -> "corrupt JPEG: " + detail;
            case WRONG_RESOLUTION -> "wrong resolution: " + detail;
            default -> "its last frame was refused: " + detail;
        };
        status = status.withState(state, why, now);
        if (alarmed.add(problem)) {
            return Optional.of("site camera " + cameraId + " " + state.name().toLowerCase(java.util.Locale.ROOT) + ": " + why);
        }
        return Optional.empty();
    }

    /** A frame was dropped because analysis fell behind. */
    public void dropped() {
        add("dropped");
    }

    /** An exit (a truck at the exit, or a road check that found dirt) was captured. */
    public void exit() {
        add("exits");
    }

    /** An observation was stored and published. */
    public void observation(String kind) {
        add("observations");
        add("observations." + kind);
    }

    /** Evidence could not be stored: the observation is lost, the camera is in error until the next good frame. */
    public Optional<String> evidenceFailed(String detail, Instant now) {
        add("evidenceFailed");
        status = status.withState(DeviceState.ERROR, "its evidence cannot be stored: " + detail, now);
        return Optional.of("site camera " + cameraId + ": evidence lost: " + detail);
    }

    /** The camera cannot work as configured (or OpenCV cannot load): error with the reason, until reconfigured. */
    public Optional<String> broken(String detail, Instant now) {
        status = status.withState(DeviceState.ERROR, detail, now);
        return Optional.of("site camera " + cameraId + " cannot work: " + detail);
    }

    /**
     * Time passes: a camera without a frame for longer than its setting goes offline.
     *
     * @return an alarm text when the camera has just gone silent
     */
    public Optional<String> tick(Instant now) {
        Duration silence = Duration.between(lastFrame, now);
        if (silence.compareTo(offlineAfter) < 0 || silenceAlarmed) {
            return Optional.empty();
        }
        silenceAlarmed = true;
        String why = "no frame for " + silence.toSeconds() + " s (offline after " + offlineAfter.toSeconds() + " s)"
                + (status.state() == DeviceState.ONLINE || status.reason().isEmpty() ? "" : "; last problem: " + status.reason());
        status = status.withState(DeviceState.OFFLINE, why, now);
        return Optional.of("site camera " + cameraId + " offline: " + why);
    }

    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    private void add(String counter) {
        counters.merge(counter, 1L, Long::sum);
    }
}
