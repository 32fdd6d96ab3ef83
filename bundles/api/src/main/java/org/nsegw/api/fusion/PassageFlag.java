package org.nsegw.api.fusion;

/**
 * What fusion noticed while putting a passage together. Each one but {@link #TEST} sends the passage to review, never to
 * a case.
 */
public enum PassageFlag {
    /** No camera read a plate for this vehicle, or every read was unreadable. */
    NO_PLATE,
    /** A read could belong to this vehicle or to another one close to it: it was not used to settle the plate. */
    AMBIGUOUS_READ,
    /** Plate reads of the same vehicle disagree (other than a tractor and its trailer). */
    PLATES_DISAGREE,
    /** The vehicle straddled two lanes; two sensors weighed it. */
    STRADDLING,
    /** Vehicles followed so closely that reads may belong to the next one. */
    TAILGATING,
    /** No weigh record belongs to these reads. */
    NO_WEIGHT,
    /** A device involved was offline or in error at the time. */
    DEVICE_FAULT,
    /**
     * A synthetic passage made to test the whole path (the installer console's test passage, docs/console.md), not a
     * vehicle: the rules judge it as any other and note it, its packet's manifest says {@code "test": true}, and the
     * platform must never file it as a case. Fusion never sets it.
     */
    TEST
}
