package org.nsegw.anpr.internal.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One plate read as a camera reports it, before the gateway normalises the plate and ties the read to a lane.
 *
 * @param eventId     the camera's id of the event, the same when the camera pushes it again; never empty (a parser
 *                    that finds no id in the message derives one from the camera, its time and the plate)
 * @param device      the camera's own identity in the message: its IP address (ISAPI {@code ipAddress}) or device id
 *                    (Dahua {@code DeviceID}); empty if none
 * @param channel     the video channel, 1 if not given
 * @param cameraTime  when the camera saw the vehicle, by the camera's clock, with its offset; {@code null} if the
 *                    message has no time
 * @param plateText   the plate text exactly as sent, possibly with a colour word in front ({@code 蓝皖A7XG66}), or
 *                    a placeholder such as {@code 无车牌}; empty if none
 * @param plateColor  the camera's colour word for the plate ({@code blue}, {@code yellow}, {@code 黄色}...); empty if none
 * @param confidence  the camera's confidence 0 to 100, or -1 if not given
 * @param vehicleType the camera's vehicle type word; empty if none
 * @param direction   {@code forward}, {@code reverse} or the vendor's word; empty if none
 * @param lane        the lane number the camera reports ({@code line}), 0 if none
 * @param pictures    the images, in the order sent
 */
public record CameraEvent(
        String eventId,
        String device,
        int channel,
        OffsetDateTime cameraTime,
        String plateText,
        String plateColor,
        int confidence,
        String vehicleType,
        String direction,
        int lane,
        List<Picture> pictures) {

    public CameraEvent {
        Objects.requireNonNull(eventId, "eventId");
        if (eventId.isBlank()) {
            throw new IllegalArgumentException("an event needs an id");
        }
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(plateText, "plateText");
        Objects.requireNonNull(plateColor, "plateColor");
        Objects.requireNonNull(vehicleType, "vehicleType");
        Objects.requireNonNull(direction, "direction");
        if (confidence < -1 || confidence > 100) {
            throw new IllegalArgumentException("confidence must be 0..100 or -1, not " + confidence);
        }
        pictures = List.copyOf(pictures);
    }
}
