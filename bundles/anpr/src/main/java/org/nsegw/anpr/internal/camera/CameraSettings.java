package org.nsegw.anpr.internal.camera;

import java.time.Duration;
import java.util.Objects;
import org.nsegw.api.anpr.CameraPosition;

/**
 * What the site file says about one ANPR camera, as the pure camera logic needs it.
 *
 * @param id             the device id
 * @param lane           the lane it serves
 * @param position       front, rear or gate
 * @param vendor         {@code hikvision} or {@code dahua}
 * @param direction      the direction of travel the camera should see: {@code forward}, {@code reverse} or {@code any}
 * @param clockTolerance how far the camera's time may be from the receive time before the read is flagged
 * @param offlineAfter   silence (no read, no heartbeat) after which the camera is offline
 * @param lowConfidence  reads below this confidence are flagged; 0 flags only reads that give none
 */
public record CameraSettings(String id, String lane, CameraPosition position, String vendor, String direction,
        Duration clockTolerance, Duration offlineAfter, int lowConfidence) {

    public CameraSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(position, "position");
        if (!vendor.equals("hikvision") && !vendor.equals("dahua")) {
            throw new IllegalArgumentException("unknown camera vendor " + vendor);
        }
        if (!direction.equals("forward") && !direction.equals("reverse") && !direction.equals("any")) {
            throw new IllegalArgumentException("direction must be forward, reverse or any, not " + direction);
        }
        if (clockTolerance.isNegative() || offlineAfter.isNegative() || offlineAfter.isZero()) {
            throw new IllegalArgumentException("clock tolerance and offline time must be positive");
        }
        if (lowConfidence < 0 || lowConfidence > 100) {
            throw new IllegalArgumentException("the low-confidence threshold must be 0 to 100, not " + lowConfidence);
        }
    }

    /** The vendor of a {@code protocol} setting of the site file. */
    public static String vendorOf(String protocol) {
        return switch (protocol) {
            case "hikvision-isapi" -> "hikvision";
            case "dahua-itsapi" -> "dahua";
            default -> throw new IllegalArgumentException("protocol must be hikvision-isapi or dahua-itsapi, not " + protocol);
        };
    }

    /** The position of a {@code position} setting of the site file. */
    public static CameraPosition positionOf(String position) {
        try {
            return CameraPosition.valueOf(position.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("position must be front, rear or gate, not " + position);
        }
    }
}
