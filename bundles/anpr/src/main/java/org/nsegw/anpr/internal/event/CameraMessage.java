package org.nsegw.anpr.internal.event;

import java.util.Objects;

/**
 * What one camera message means to the receiver: a plate read, or only a sign that the camera is there (a
 * heartbeat, or an event of a type that carries no plate). Both keep the camera online; only reads go further.
 */
public sealed interface CameraMessage permits CameraMessage.Read, CameraMessage.Alive {

    /** A plate read. */
    record Read(CameraEvent event) implements CameraMessage {
        public Read {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A heartbeat or an event without a plate.
     *
     * @param device the camera's identity in the message (IP address or device id), empty if none
     * @param what   what the message was, for the status page: {@code heartBeat}, {@code videoloss inactive},
     *               {@code KeepAlive}...
     */
    record Alive(String device, String what) implements CameraMessage {
        public Alive {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(what, "what");
        }
    }
}
