package org.nsegw.api.vision;

/** What a site-exit camera can observe. */
public enum ObservationKind {
    /** Mud on the wheels or the lower body of a vehicle leaving the site. */
    MUDDY_VEHICLE,
    /** A load of spoil that is exposed instead of covered or closed. */
    UNCOVERED_LOAD,
    /** The road at the exit is dirty: the site's responsibility, not a vehicle's. */
    DIRTY_ROAD
}
