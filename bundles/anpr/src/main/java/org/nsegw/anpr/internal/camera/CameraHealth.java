package org.nsegw.anpr.internal.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadFlag;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;

/**
 * The health of one camera from what it sends: online while reads or heartbeats arrive, in error while its pushes are
 * refused or its reads cannot be stored, offline after a silence longer than its setting, with an alarm when it goes
 * quiet. Keeps the counters shown by {@code nsegw status}. Pure; not thread-safe (the caller serialises).
 */
public final class CameraHealth {

    private final CameraSettings settings;
    private final Map<String, Long> counters = new TreeMap<>();
    private DeviceStatus status;
    private Instant lastSign;
    private boolean everHeard;
    private final String setupHint;
    private boolean hinted;

    /**
     * @param setupHint what to check when nothing ever arrives, e.g. where the camera must push to
     */
    public CameraHealth(CameraSettings settings, String setupHint, Instant now) {
        this.settings = settings;
        this.setupHint = setupHint;
        this.status = DeviceStatus.waiting(settings.id(), DeviceKind.ANPR_CAMERA, settings.lane(), now)
                .withState(DeviceState.OFFLINE, "waiting for the first read or heartbeat", now);
        this.lastSign = now;
        for (String c : new String[] {"reads", "unreadable", "duplicates", "heartbeats", "rejected"}) {
            counters.put(c, 0L);
        }
    }

    public DeviceStatus status() {
        return status.withCounters(counters);
    }

    /** A read was stored and passed on. */
    public void read(PlateRead read, Instant now) {
        alive(now);
        add("reads");
        if (!read.isReadable()) {
            add("unreadable");
        }
        for (PlateReadFlag f : read.flags()) {
            add(switch (f) {
                case CLOCK_OFFSET -> "clockOffset";
                case NO_CAMERA_TIME -> "noCameraTime";
                case WRONG_DIRECTION -> "wrongDirection";
                case LOW_CONFIDENCE -> "lowConfidence";
            });
        }
        status = status.withData(now);
    }

    /** The camera pushed a read it had pushed before; it was answered 200 and not passed on again. */
    public void duplicate(Instant now) {
        alive(now);
        add("duplicates");
        if (status.state() != DeviceState.ONLINE) {
            status = status.withState(DeviceState.ONLINE, "", now);
        }
    }

    public void heartbeat(Instant now) {
        alive(now);
        add("heartbeats");
        if (status.state() != DeviceState.ONLINE) {
            status = status.withState(DeviceState.ONLINE, "", now);
        }
    }

    /**
     * A push was refused.
     *
     * @param reason {@code auth}, {@code malformed} or {@code tooLarge}
     * @param detail what exactly was wrong, for the installer
     */
    public void refused(String reason, String detail, Instant now) {
        alive(now);
        add("rejected");
        add("rejected." + reason);
        String why = switch (reason) {
            case "auth" -> "its pushes are refused: wrong user name or password (" + detail + ")";
            case "tooLarge" -> "its last push was refused as too large: " + detail;
            default -> "its last push was refused: " + detail;
        };
        status = status.withState(DeviceState.ERROR, why, now);
    }

    /** A read could not be stored (disk full, read-only); the camera was answered 503 and will send it again. */
    public void storeFailed(String detail, Instant now) {
        alive(now);
        add("storeFailed");
        status = status.withState(DeviceState.ERROR, "its reads cannot be stored: " + detail, now);
    }

    /**
     * Time passes: a camera silent for longer than its setting goes offline.
     *
     * @return an alarm text when the camera has just gone offline
     */
    public Optional<String> tick(Instant now) {
        Duration silence = Duration.between(lastSign, now);
        if (silence.compareTo(settings.offlineAfter()) < 0) {
            return Optional.empty();
        }
        if (!everHeard) {
            if (!hinted) {
                hinted = true;
                status = status.withState(DeviceState.OFFLINE, "nothing received in " + silence.toSeconds()
                        + " s since the start; " + setupHint, now);
            }
            return Optional.empty();
        }
        if (status.state() == DeviceState.OFFLINE) {
            return Optional.empty();
        }
        String why = "no read or heartbeat for " + silence.toSeconds() + " s (offline after "
                + settings.offlineAfter().toSeconds() + " s)";
        status = status.withState(DeviceState.OFFLINE, why, now);
        return Optional.of("ANPR camera " + settings.id() + " offline: " + why);
    }

    /** When the camera last showed a sign of life, or the start if it never has. */
    public Instant lastSign() {
        return lastSign;
    }

    private void alive(Instant now) {
        if (now.isAfter(lastSign)) {
            lastSign = now;
        }
        everHeard = true;
    }

    private void add(String counter) {
        counters.merge(counter, 1L, Long::sum);
    }
}
