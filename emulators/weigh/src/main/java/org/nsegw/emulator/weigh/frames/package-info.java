/**
 * Weigh-device frames as devices send them, rendered from emulated readings and vehicles: Toledo continuous
 * output, XK3190 format 0, SMA SCP-0499 replies, Modbus RTU replies, WIM per-vehicle records; and faults to inject
 * into the streams. Written from the format descriptions in docs/weigh-protocols.md, apart from the gateway's
 * decoders, so that the round-trip tests check one against the other.
 */
package org.nsegw.emulator.weigh.frames;
