package org.nsegw.outbox;

/**
 * Where a packet is on its way to the platform. States only move forward: marking a packet with a state it has
 * already reached or passed changes nothing.
 */
public enum State {
    /** Stored; the platform has not heard of it yet. */
    PENDING,
    /** The platform was sent a notice of the case. */
    NOTIFIED,
    /** The packet was sent; waiting for the platform's acknowledgement. */
    SENT,
    /** The platform confirmed it has the packet; removed once the retention has passed. */
    ACKNOWLEDGED
}
