package org.nsegw.api.rules;

/** What the rules decided about a passage. */
public enum Outcome {
    /** A violation: becomes a case for the platform. */
    VIOLATION,
    /** A human must look: unreadable or conflicting plates, device fault, abnormal driving. */
    REVIEW,
    /** Nothing wrong: kept as a record only. */
    COMPLIANT
}
