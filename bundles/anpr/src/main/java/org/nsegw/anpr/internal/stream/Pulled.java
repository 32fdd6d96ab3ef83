package org.nsegw.anpr.internal.stream;

import java.util.Objects;
import org.nsegw.anpr.internal.event.CameraMessage;

/** What a pull stream gave: a camera message, or bytes refused with the reason, for the camera's counters. */
public sealed interface Pulled permits Pulled.Message, Pulled.Refused {

    record Message(CameraMessage message) implements Pulled {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * @param detail what exactly, for the log
     * @param bytes  how many bytes of the stream this covers (0 for an event refused after its parts were taken)
     */
    record Refused(Refusal reason, String detail, long bytes) implements Pulled {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
