package org.nsegw.api.weigh;

/** Quality conditions a weigh sensor or the gateway noticed while weighing. Any of them makes a result doubtful. */
public enum WeighFlag {
    /** Speed outside the range the system is verified for. */
    SPEED_OUT_OF_RANGE,
    /** The vehicle accelerated or braked over the sensors. */
    ACCELERATION,
    /** Not every axle crossed every sensor row. */
    PARTIAL_VEHICLE,
    /** The vehicle changed lanes or straddled two lanes over the sensors. */
    LANE_CHANGE,
    /** The scale reported motion: the reading is not stable. */
    MOTION,
    /** The load exceeded the sensor's range. */
    OVERLOAD,
    /** The scale reported a negative weight. */
    NEGATIVE
}
