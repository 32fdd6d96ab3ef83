package org.nsegw.outbox;

import java.io.IOException;

/**
 * The outbox refused non-case data (a compliant record or telemetry) because its quota is used up by packets the
 * platform has not acknowledged. The message says how full it is and what to do. Cases are never refused this way.
 */
public final class OutboxFullException extends IOException {

    public OutboxFullException(String message) {
        super(message);
    }
}
