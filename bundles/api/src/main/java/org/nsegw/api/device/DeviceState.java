package org.nsegw.api.device;

/** What a device component knows about its device right now. */
public enum DeviceState {
    /** Data is arriving within the device's expected interval. */
    ONLINE,
    /** No data, no connection, or not yet heard from; the reason says which. */
    OFFLINE,
    /** The device cannot work as configured (bad configuration, port refused, verification missing...). */
    ERROR
}
