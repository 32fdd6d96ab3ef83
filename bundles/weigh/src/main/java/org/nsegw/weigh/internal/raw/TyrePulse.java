package org.nsegw.weigh.internal.raw;

/**
 * The signal of one axle's tyres crossing one sensor strip.
 *
 * @param row       the sensor row
 * @param start     the first sample of the pulse (sample index of the lane's clock, unwrapped)
 * @param end       the sample after its last
 * @param centroid  the time of the pulse's centre of area, in samples: when the axle was over the strip
 * @param area      Σ(xᵢ − bᵢ) over the pulse, in counts
 * @param peak      the highest sample above the baseline, in counts
 * @param saturated a sample reached the ADC's full scale: the area is too small
 */
record TyrePulse(int row, long start, long end, double centroid, double area, double peak, boolean saturated) {
}
