package org.nsegw.emulator.anpr;

/** What became of a read. */
public enum Outcome {
    /** Pushed and answered 2xx. */
    PUSHED,
    /** Pushed and answered 4xx (401: wrong credentials); the camera does not try again. */
    REJECTED,
    /** Pushed, but every try failed (no answer or 5xx). */
    FAILED,
    /** Written whole to at least one client of the camera's event stream. */
    STREAMED,
    /** Pull mode with no client connected: the read is lost, as on a real camera. */
    UNHEARD,
    /** The camera did not read the vehicle (fault): nothing was sent. */
    MISSED,
    /** The camera was offline when the vehicle passed (fault): nothing was sent. */
    OFFLINE
}
