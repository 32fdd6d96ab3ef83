package org.nsegw.emulator.weigh.raw;

/**
 * What goes wrong while one vehicle crosses the sensors.
 *
 * @param accelerationMps2 constant acceleration from the moment the first axle crosses row 0 (negative: braking)
 * @param row1LoadShare    the share of each axle's load row 1 feels: 1 normally; about 0.5 when the vehicle has moved
 *                         half off the lane's strips between the rows (lane change)
 * @param lostFrameRow     the row whose frame with the crossing of axle {@code lostFrameAxle} never arrives; -1 for none
 * @param lostFrameAxle    that axle, from 0
 * @param sensorFaultRow   the row whose frames during the vehicle carry the sensor-fault flag; -1 for none
 */
public record PassageFaults(double accelerationMps2, double row1LoadShare, int lostFrameRow, int lostFrameAxle, int sensorFaultRow) {

    public static final PassageFaults NONE = new PassageFaults(0, 1, -1, 0, -1);

    public PassageFaults {
        if (!Double.isFinite(accelerationMps2) || !(row1LoadShare >= 0 && row1LoadShare <= 2) || lostFrameRow < -1 || lostFrameRow > 1
                || lostFrameAxle < 0 || sensorFaultRow < -1 || sensorFaultRow > 1) {
            throw new IllegalArgumentException("bad faults");
        }
    }

    public static PassageFaults accelerating(double mps2) {
        return new PassageFaults(mps2, 1, -1, 0, -1);
    }

    public static PassageFaults laneChange(double row1LoadShare) {
        return new PassageFaults(0, row1LoadShare, -1, 0, -1);
    }

    public static PassageFaults lostFrame(int row, int axle) {
        return new PassageFaults(0, 1, row, axle, -1);
    }

    public static PassageFaults sensorFault(int row) {
        return new PassageFaults(0, 1, -1, 0, row);
    }

    public boolean isNone() {
        return equals(NONE);
    }
}
