package org.nsegw.api.anpr;

/** What the gateway noticed about a plate read; the read is passed on all the same, never dropped. */
public enum PlateReadFlag {
    /**
     * The camera's time was further from the gateway's receive time than the camera's tolerance: either its clock is
     * off or the push arrived late (a retry). {@link PlateRead#time()} is then the receive time; the camera's own time
     * is kept in {@link PlateRead#cameraTime()}.
     */
    CLOCK_OFFSET,
    /** The message carried no time; {@link PlateRead#time()} is the receive time. */
    NO_CAMERA_TIME,
    /** The camera reported the vehicle moving against the direction configured for the camera. */
    WRONG_DIRECTION,
    /** The camera's confidence was below the threshold configured for it, or it gave none. */
    LOW_CONFIDENCE
}
