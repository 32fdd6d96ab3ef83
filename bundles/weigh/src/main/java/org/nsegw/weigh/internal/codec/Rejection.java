package org.nsegw.weigh.internal.codec;

/** Why bytes did not make a value. Counted per device and shown in its status. */
public enum Rejection {
    /** A complete frame whose checksum or CRC does not match. */
    CHECKSUM,
    /** A frame cut short: a new frame started, or a poll timed out, before it was complete. */
    TRUNCATED,
    /** A complete frame whose fields are not valid (non-digits in a weight, an unknown status, a wrong length...). */
    MALFORMED,
    /** Bytes outside any frame, skipped while looking for the next frame start. */
    NOISE
}
