package org.nsegw.weigh.internal.codec;

/** Status a scale reports with a reading. A negative weight is carried by the reading's sign. */
public enum ScaleFlag {
    /** The load is moving: the reading is not stable. */
    MOTION,
    /** The reading is net (tare subtracted). */
    NET,
    /** Above the scale's range. */
    OVERLOAD,
    /** Below the scale's range (or below zero beyond what the scale shows). */
    UNDERLOAD,
    /** The scale is at its zero point. */
    CENTER_OF_ZERO
}
