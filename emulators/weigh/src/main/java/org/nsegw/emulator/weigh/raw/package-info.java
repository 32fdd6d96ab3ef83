/**
 * Raw weigh-in-motion signals for emulated traffic: what a two-row strip-sensor front-end would stream for the
 * vehicles of a {@link org.nsegw.emulator.traffic.TrafficScenario}, as the sample frames of {@code docs/raw-wim.md}.
 * Deterministic from a seed; the truth behind every pulse (dynamic loads, true sensor gains) is kept for the tests.
 */
package org.nsegw.emulator.weigh.raw;
