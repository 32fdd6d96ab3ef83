package org.nsegw.anpr.internal.receiver;

import java.util.Optional;
import org.nsegw.anpr.internal.event.CameraEvent;

/**
 * What one push from a camera was: a plate read, or a sign of life (heartbeat, keep-alive, another event type).
 *
 * @param event the read, empty for a heartbeat
 */
public record Push(Optional<CameraEvent> event) {

    public static Push heartbeat() {
        return new Push(Optional.empty());
    }

    public static Push read(CameraEvent e) {
        return new Push(Optional.of(e));
    }
}
