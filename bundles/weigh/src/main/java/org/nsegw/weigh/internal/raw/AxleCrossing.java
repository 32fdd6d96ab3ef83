package org.nsegw.weigh.internal.raw;

/**
 * How one axle crossed the two sensor rows: the detail behind an axle of the vehicle record.
 *
 * @param row0Sample when it was over row 0 (sample index of the lane's clock, unwrapped); NaN if row 0 missed it
 * @param row1Sample when it was over row 1; NaN if row 1 missed it
 * @param speedKmh   its speed between the rows, or the nearest axle's when a row missed it; NaN if unknown
 * @param row0LoadKg the load row 0 measured; NaN if none
 * @param row1LoadKg the load row 1 measured; NaN if none
 */
public record AxleCrossing(double row0Sample, double row1Sample, double speedKmh, double row0LoadKg, double row1LoadKg) {

    /** Both rows saw the axle. */
    public boolean matched() {
        return !Double.isNaN(row0Sample) && !Double.isNaN(row1Sample);
    }
}
