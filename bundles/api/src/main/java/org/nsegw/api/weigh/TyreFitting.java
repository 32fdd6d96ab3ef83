package org.nsegw.api.weigh;

/** How an axle is shod, when the sensor or the site can tell. Single tyres lower the legal limit. */
public enum TyreFitting {
    UNKNOWN,
    SINGLE,
    DUAL,
    /** Approved wide single tyres, which count as dual. */
    WIDE_SINGLE
}
