package org.nsegw.fusion.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsegw.api.anpr.PlateRead;

/**
 * Recognises reads seen before: the same camera event (a push retried or a stream replayed) or the same plate read by
 * the same camera again within seconds (a camera that triggers twice). Memory is bounded: each camera remembers the
 * events of the last {@link #MEMORY}, at most {@link #MAX_PER_CAMERA} of them.
 */
final class Duplicates {

    static final Duration MEMORY = Duration.ofMinutes(10);
    static final int MAX_PER_CAMERA = 4096;

    private static final class CameraMemory {
        final LinkedHashMap<String, Instant> events = new LinkedHashMap<>();
        final Map<String, Instant> plates = new HashMap<>();
    }

    private final Map<String, CameraMemory> byCamera = new HashMap<>();

    /** Whether {@code read} repeats one seen before; if not, it is remembered. */
    boolean isRepeat(PlateRead read, double duplicateSeconds) {
        CameraMemory m = byCamera.computeIfAbsent(read.cameraId(), c -> new CameraMemory());
        Instant forget = read.time().minus(MEMORY);
        Iterator<Instant> oldest = m.events.values().iterator();
        while (oldest.hasNext()) {
            Instant t = oldest.next();
            if (!t.isBefore(forget) && m.events.size() <= MAX_PER_CAMERA) {
                break;
            }
            oldest.remove();
        }
        if (m.plates.size() > MAX_PER_CAMERA) {
            m.plates.values().removeIf(t -> t.isBefore(forget));
        }
        if (!read.eventId().isEmpty() && m.events.containsKey(read.eventId())) {
            return true;
        }
        if (read.isReadable()) {
            Instant last = m.plates.get(read.plate());
            if (last != null && Math.abs(Duration.between(last, read.time()).toNanos()) <= Math.round(duplicateSeconds * 1e9)) {
                return true;
            }
            m.plates.put(read.plate(), read.time());
        }
        if (!read.eventId().isEmpty()) {
            m.events.put(read.eventId(), read.time());
        }
        return false;
    }

    void clear() {
        byCamera.clear();
    }
}
