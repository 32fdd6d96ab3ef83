package org.nsegw.vision.internal.source;

/** Why a source delivered no frame. Counted per camera (the counter name) and shown in its status. */
public enum SourceProblem {
    /** The camera (or the image directory) cannot be reached: connection refused, timed out, missing folder. */
    UNREACHABLE("unreachable"),
    /** The camera refused the account (HTTP 401 or 403). */
    AUTH("authRefused"),
    /** The camera answered with an HTTP status other than 200, or a response that is not what the source reads. */
    HTTP("httpError"),
    /** Bytes that are not a complete JPEG (no SOI or EOI marker), or a part of another type. */
    NOT_JPEG("rejected.notJpeg"),
    /** A frame larger than the configured limit: refused without being held. */
    OVERSIZED("rejected.oversized"),
    /** MJPEG: bytes outside any part, or part headers that cannot be read. */
    GARBAGE("rejected.garbage"),
    /** A JPEG that does not decode. */
    CORRUPT("corrupt"),
    /** A frame whose size is not the configured one. */
    WRONG_RESOLUTION("wrongResolution");

    private final String counter;

    SourceProblem(String counter) {
        this.counter = counter;
    }

    public String counter() {
        return counter;
    }
}
