/**
 * The provincial handling platform's receiving end, the reference for back-office integrators
 * (docs/platform-integration.md): a shared MQTT subscription to the gateways' case notices and chunks
 * (docs/mqtt-topics.md), packets reassembled in a folder the instances share, verified with
 * {@code org.nsegw.packet}, stored per gateway and acknowledged. Start with
 * {@link org.nsegw.emulator.platform.PlatformReceiver}; its outcomes are {@link org.nsegw.emulator.platform.ReceivedCase}
 * lines.
 */
package org.nsegw.emulator.platform;
