package org.nsegw.emulator.anpr;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.zip.CRC32;
import org.nsegw.api.anpr.CameraPosition;

/**
 * One emulated ANPR camera: where it stands, what it is and how it names itself in its messages.
 *
 * @param id         the camera's id on the gateway, e.g. {@code anpr-L1-front}; it also names the alert's channel
 * @param lane       the lane it watches, as the traffic names it ({@code L1})
 * @param laneNumber the lane number the camera reports (ISAPI {@code line}, Dahua {@code LanNo}), from 1
 * @param position   front, rear or gate
 * @param distanceM  its distance from the weigh sensor along the direction of travel: negative before it (front),
 *                   positive after it (rear); gate cameras read at the vehicle's time whatever this is
 * @param protocol   what it speaks
 * @param namespace  the XML namespace of its ISAPI alerts
 * @param address    its own IP address, sent as ISAPI {@code ipAddress}
 * @param deviceId   its device id, sent as Dahua {@code DeviceID}
 * @param channel    its video channel, from 1
 * @param zone       the offset of its clock's time zone (China: +08:00)
 */
public record EmulatedCamera(
        String id,
        String lane,
        int laneNumber,
        CameraPosition position,
        double distanceM,
        CameraProtocol protocol,
        IsapiNamespace namespace,
        String address,
        String deviceId,
        int channel,
        ZoneOffset zone) {

    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    public EmulatedCamera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(zone, "zone");
        if (position == CameraPosition.FRONT && distanceM > 0 || position == CameraPosition.REAR && distanceM < 0) {
            throw new IllegalArgumentException("camera " + id + ": a front camera stands before the sensor (distance <= 0), a rear "
                    + "camera after it (distance >= 0), not " + position + " at " + distanceM + " m");
        }
        if (!Double.isFinite(distanceM) || laneNumber < 1 || channel < 1) {
            throw new IllegalArgumentException("camera " + id + ": bad distance, lane number or channel");
        }
    }

    /**
     * A camera with the usual defaults: the lane number from the lane's digits, the ISAPI namespace, channel 1, China's
     * time zone, an address in 192.168.10.0/24 and a device id derived from the id.
     */
    public static EmulatedCamera of(String id, String lane, CameraPosition position, double distanceM, CameraProtocol protocol) {
        String digits = lane.replaceAll("\\D", "");
        int laneNumber = digits.isEmpty() || digits.length() > 3 ? 1 : Math.max(1, Integer.parseInt(digits));
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        String address = "192.168.10." + (11 + crc.getValue() % 240);
        String deviceId = "EMU" + String.format("%08X", crc.getValue());
        return new EmulatedCamera(id, lane, laneNumber, position, distanceM, protocol, IsapiNamespace.ISAPI, address, deviceId, 1,
                CHINA);
    }

    public EmulatedCamera withNamespace(IsapiNamespace ns) {
        return new EmulatedCamera(id, lane, laneNumber, position, distanceM, protocol, ns, address, deviceId, channel, zone);
    }

    public EmulatedCamera withAddress(String newAddress) {
        return new EmulatedCamera(id, lane, laneNumber, position, distanceM, protocol, namespace, newAddress, deviceId, channel, zone);
    }

    public EmulatedCamera withDeviceId(String newDeviceId) {
        return new EmulatedCamera(id, lane, laneNumber, position, distanceM, protocol, namespace, address, newDeviceId, channel, zone);
    }

    public EmulatedCamera withLaneNumber(int number) {
        return new EmulatedCamera(id, lane, number, position, distanceM, protocol, namespace, address, deviceId, channel, zone);
    }

    /**
     * Whether the camera sees the vehicle come towards it ({@code forward}: front and gate cameras, front plates) or
     * drive away ({@code reverse}: rear cameras, rear plates). ISAPI's words; Dahua says Obverse and Reverse.
     */
    public String direction() {
        return position == CameraPosition.REAR ? "reverse" : "forward";
    }

    /** A stable MAC address for the alert, derived from the id (locally administered). */
    public String macAddress() {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        long v = crc.getValue();
        return String.format("02:4e:53:%02x:%02x:%02x", (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
    }
}
