package org.nsegw.emulator.anpr;

/**
 * One line of the truth file: a read as meant (the vehicle, its true plate and time) and as sent (the text, the
 * camera's time, its event id), and what became of it. A duplicate push gets a line of its own.
 *
 * @param camera        the camera's id
 * @param lane          its lane
 * @param position      FRONT, REAR or GATE
 * @param protocol      the camera's protocol
 * @param serial        the vehicle's serial number in the scenario
 * @param vehicleClass  the vehicle's class
 * @param plate         the plate the camera faced (front plate; rear: the trailer's)
 * @param time          when it passed the camera, true time (UTC, ISO-8601)
 * @param sentText      the plate text sent (empty if nothing was sent)
 * @param sentPlate     the plate as recognised, without a colour word
 * @param misread       whether the recognised plate differs from the true one
 * @param colorPrefixed whether the text carries a colour word
 * @param color         the plate colour reported
 * @param confidence    the confidence reported
 * @param lowConfidence whether the confidence was lowered by a fault
 * @param cameraTime    the time the camera reported (its clock, with offset)
 * @param clockOffsetMs how far that clock is off, in ms
 * @param eventId       the event id (ISAPI UUID; Dahua picture-name stem)
 * @param duplicate     whether this line is the repeat of a push
 * @param outcome       what became of it
 * @param status        the last HTTP status of a push (0: none)
 * @param attempts      tries made (0 if nothing was sent)
 * @param clients       pull mode: clients that received it
 */
public record TruthRecord(
        String camera,
        String lane,
        String position,
        String protocol,
        long serial,
        String vehicleClass,
        String plate,
        String time,
        String sentText,
        String sentPlate,
        boolean misread,
        boolean colorPrefixed,
        String color,
        int confidence,
        boolean lowConfidence,
        String cameraTime,
        long clockOffsetMs,
        String eventId,
        boolean duplicate,
        Outcome outcome,
        int status,
        int attempts,
        int clients) {

    /** Whether something reached the gateway: pushed and accepted, or streamed. */
    public boolean delivered() {
        return outcome == Outcome.PUSHED || outcome == Outcome.STREAMED;
    }
}
