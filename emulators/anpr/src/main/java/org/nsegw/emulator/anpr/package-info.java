/**
 * Emulated ANPR cameras: Hikvision ISAPI and Dahua ITSAPI cameras that read the vehicles of an emulated
 * {@link org.nsegw.emulator.traffic.TrafficScenario} as they pass, and push the reads to the gateway or serve them on
 * event streams, with injected faults and a truth file. Start with {@link org.nsegw.emulator.anpr.AnprEmulator}.
 */
package org.nsegw.emulator.anpr;
