package org.nsegw.anpr.internal.event;

/**
 * A message that is not a valid camera event; the receiver answers 400 and counts it. The message says exactly
 * what is wrong, for the log and for installers setting up a camera.
 */
public final class MalformedEvent extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedEvent(String detail) {
        super(detail);
    }

    public MalformedEvent(String detail, Throwable cause) {
        super(detail, cause);
    }
}
