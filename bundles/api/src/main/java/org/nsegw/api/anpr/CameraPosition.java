package org.nsegw.api.anpr;

/** Where an ANPR camera looks at the vehicles of its lane. */
public enum CameraPosition {
    /** Upstream of the weigh sensor, reading front plates. */
    FRONT,
    /** Downstream of the weigh sensor, reading rear plates (a trailer's plate for combinations). */
    REAR,
    /** At a site gate, reading the plate of a vehicle leaving. */
    GATE
}
