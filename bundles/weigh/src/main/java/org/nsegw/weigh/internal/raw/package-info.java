/**
 * Raw-signal weigh-in-motion: sensor samples in, weighed vehicles out. Pure: no ports, no threads, no clocks.
 * {@link org.nsegw.weigh.internal.raw.RawWimProcessor} tracks each row's baseline, finds tyre pulses, matches the
 * axles of the two rows and weighs them by the area method; {@code docs/raw-wim.md} gives the steps and formulas.
 */
package org.nsegw.weigh.internal.raw;
