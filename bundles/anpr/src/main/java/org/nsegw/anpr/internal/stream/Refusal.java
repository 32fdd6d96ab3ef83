package org.nsegw.anpr.internal.stream;

/** Why bytes of a pull stream made no camera message. Counted per camera and shown in its status. */
public enum Refusal {
    /** Bytes outside any part, skipped while looking for the next delimiter. */
    GARBAGE,
    /** Part headers without their blank line within the limit, a header line without a colon, a bad Content-Length. */
    BAD_HEADERS,
    /** A part larger than the limit: skipped without being held in memory. */
    OVERSIZED,
    /** A complete part whose content is not a valid event (the {@link org.nsegw.anpr.internal.event.MalformedEvent} says why). */
    BAD_EVENT,
    /** An event whose pictures did not all come before the next event. */
    INCOMPLETE,
    /** A part that belongs to no event: a picture without an event before it, or of an unknown type. */
    STRAY
}
