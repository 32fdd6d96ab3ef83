package org.nsegw.vision.internal.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One JPEG a source delivered, not yet decoded.
 *
 * @param jpeg   the JPEG bytes
 * @param time   when it was taken: the gateway's receive time, or the event's time for event images (UTC)
 * @param origin where it came from, for the log (an URL, a file name, an event id)
 */
public record Frame(byte[] jpeg, Instant time, String origin) {

    public Frame {
        Objects.requireNonNull(jpeg, "jpeg");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return "Frame[" + origin + ", " + time + ", " + jpeg.length + " bytes]";
    }
}
