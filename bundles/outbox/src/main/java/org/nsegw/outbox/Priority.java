package org.nsegw.outbox;

/** What a packet holds, in delivery order: violations first, telemetry last. */
public enum Priority {
    VIOLATION, REVIEW, COMPLIANT, TELEMETRY;

    /**
     * Whether this is a case (a violation or a case for review): the outbox never refuses a case for lack of quota and
     * never removes one the platform has not acknowledged.
     */
    public boolean isCase() {
        return this == VIOLATION || this == REVIEW;
    }
}
