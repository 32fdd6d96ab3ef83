package org.nsegw.weigh.internal.raw;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowMatchingTest {

    /** A three-axle truck at 60 km/h: 360 samples between the rows. */
    static final double[] ROW0 = {2000, 2480, 2642};
    static final double[] ROW1 = {2360, 2840, 3002};

    @Test
    void axlesSeenByBothRowsPairInOrder() {
        assertThat(RowMatching.match(ROW0, ROW1, 80, 16000)).containsExactly(0, 1, 2);
    }

    @Test
    void anAxleMissedByRow1IsLeftAlone() {
        assertThat(RowMatching.match(ROW0, new double[] {2360, 3002}, 80, 16000)).containsExactly(0, -1, 1);
        assertThat(RowMatching.match(ROW0, new double[] {2840, 3002}, 80, 16000)).containsExactly(-1, 0, 1);
    }

    @Test
    void anAxleMissedByRow0LeavesARow1PulseUnpaired() {
        assertThat(RowMatching.match(new double[] {2000, 2642}, ROW1, 80, 16000)).containsExactly(0, 2);
        assertThat(RowMatching.match(new double[] {2480, 2642}, ROW1, 80, 16000)).containsExactly(1, 2);
    }

    @Test
    void implausibleDelaysDoNotPair() {
        // Row 1 before row 0, or too soon after it for any vehicle.
        assertThat(RowMatching.match(new double[] {2000}, new double[] {1990}, 80, 16000)).containsExactly(-1);
        assertThat(RowMatching.match(new double[] {2000}, new double[] {2050}, 80, 16000)).containsExactly(-1);
        assertThat(RowMatching.match(new double[] {2000}, new double[] {20000}, 80, 16000)).containsExactly(-1);
        assertThat(RowMatching.match(new double[0], ROW1, 80, 16000)).isEmpty();
        assertThat(RowMatching.match(ROW0, new double[0], 80, 16000)).containsExactly(-1, -1, -1);
    }

    @Test
    void aSlowingVehicleStillPairsInOrder() {
        // The delay grows from 360 to 520 samples along the vehicle.
        double[] row1 = {2360, 2920, 3162};
        assertThat(RowMatching.match(ROW0, row1, 80, 16000)).containsExactly(0, 1, 2);
    }
}
