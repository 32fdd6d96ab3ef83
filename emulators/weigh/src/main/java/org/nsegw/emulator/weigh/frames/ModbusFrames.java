package org.nsegw.emulator.weigh.frames;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Modbus RTU as a device answers it: a read request (function 3 or 4) for this unit with a good CRC gets the
 * registers, or an exception reply; anything else gets no answer, as on a real RS-485 line. CRC-16/MODBUS:
 * polynomial 0xA001 (reflected 0x8005), initial 0xFFFF, low byte first.
 */
public final class ModbusFrames {

    private ModbusFrames() {
    }

    /** A read request, for tests and the emulator's own polling. */
    public static byte[] readRequest(int unit, int function, int start, int count) {
        return withCrc(new byte[] {(byte) unit, (byte) function, (byte) (start >> 8), (byte) start, (byte) (count >> 8),
            (byte) count});
    }

    /** The device's answer to {@code request}, or empty when it would stay silent. */
    public static Optional<byte[]> reply(byte[] request, RegisterBank bank) {
        if (request.length != 8 || crc(request, 6) != ((request[6] & 0xFF) | (request[7] & 0xFF) << 8)) {
            return Optional.empty();
        }
        int unit = request[0] & 0xFF;
        int function = request[1] & 0xFF;
        if (unit != bank.unit()) {
            return Optional.empty();
        }
        if (function != 3 && function != 4) {
            return Optional.of(exception(unit, function, 1));
        }
        int start = (request[2] & 0xFF) << 8 | request[3] & 0xFF;
        int count = (request[4] & 0xFF) << 8 | request[5] & 0xFF;
        if (count < 1 || count > 125) {
            return Optional.of(exception(unit, function, 3));
        }
        byte[] reply = new byte[3 + 2 * count];
        reply[0] = (byte) unit;
        reply[1] = (byte) function;
        reply[2] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            var v = start + i > 0xFFFF ? OptionalInt.empty() : bank.get(start + i);
            if (v.isEmpty()) {
                return Optional.of(exception(unit, function, 2));
            }
            reply[3 + 2 * i] = (byte) (v.getAsInt() >> 8);
            reply[4 + 2 * i] = (byte) v.getAsInt();
        }
        return Optional.of(withCrc(reply));
    }

    /** An exception reply: the function with bit 7 set, and the code. */
    public static byte[] exception(int unit, int function, int code) {
        return withCrc(new byte[] {(byte) unit, (byte) (function | 0x80), (byte) code});
    }

    static byte[] withCrc(byte[] body) {
        byte[] frame = Arrays.copyOf(body, body.length + 2);
        int crc = crc(body, body.length);
        frame[body.length] = (byte) (crc & 0xFF);
        frame[body.length + 1] = (byte) (crc >>> 8);
        return frame;
    }

    /** CRC-16/MODBUS of the first {@code length} bytes. */
    static int crc(byte[] bytes, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                boolean lsb = (crc & 1) == 1;
                crc >>>= 1;
                if (lsb) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc & 0xFFFF;
    }
}
