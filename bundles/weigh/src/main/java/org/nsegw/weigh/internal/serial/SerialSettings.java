package org.nsegw.weigh.internal.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Map;

/**
 * How to open a serial port.
 *
 * @param path     the port, e.g. {@code /dev/ttyUSB0}, {@code /dev/ttyS1}, or a pseudo-terminal
 * @param baud     the baud rate
 * @param dataBits 5 to 8
 * @param parity   none, even, odd, mark or space
 * @param stopBits "1", "1.5" or "2"
 * @param rs485    drive the port in RS-485 half-duplex mode
 */
public record SerialSettings(String path, int baud, int dataBits, String parity, String stopBits, boolean rs485) {

    static final Map<String, Integer> PARITY = Map.of("none", SerialPort.NO_PARITY, "even", SerialPort.EVEN_PARITY,
            "odd", SerialPort.ODD_PARITY, "mark", SerialPort.MARK_PARITY, "space", SerialPort.SPACE_PARITY);
    static final Map<String, Integer> STOP_BITS = Map.of("1", SerialPort.ONE_STOP_BIT, "1.5",
            SerialPort.ONE_POINT_FIVE_STOP_BITS, "2", SerialPort.TWO_STOP_BITS);

    public SerialSettings {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("port is empty; give the device path, e.g. /dev/ttyUSB0");
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("serial.dataBits must be 5 to 8, not " + dataBits);
        }
        if (!PARITY.containsKey(parity)) {
            throw new IllegalArgumentException("serial.parity '" + parity + "' must be one of none, even, odd, mark, space");
        }
        if (!STOP_BITS.containsKey(stopBits)) {
            throw new IllegalArgumentException("serial.stopBits '" + stopBits + "' must be 1, 1.5 or 2");
        }
    }

    /** How long a character takes on the line, for timeouts and frame gaps. */
    public double characterMillis() {
        int bits = 1 + dataBits + (parity.equals("none") ? 0 : 1) + (stopBits.equals("1") ? 1 : 2);
        return bits * 1000.0 / baud;
    }

    @Override
    public String toString() {
        return path + " " + baud + " " + dataBits + parity.substring(0, 1).toUpperCase() + stopBits + (rs485 ? " RS-485" : "");
    }
}
