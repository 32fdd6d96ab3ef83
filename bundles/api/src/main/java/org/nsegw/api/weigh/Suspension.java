package org.nsegw.api.weigh;

/** How an axle is sprung, when the record or the site can tell. Air suspension raises some limits (GB 1589-2016). */
public enum Suspension {
    UNKNOWN,
    AIR,
    /** Leaf springs or anything else that is not air. */
    OTHER
}
