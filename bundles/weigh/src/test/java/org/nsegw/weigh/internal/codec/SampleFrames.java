package org.nsegw.weigh.internal.codec;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Builds sample frames for tests, with a bitwise CRC written apart from the codec's table-driven one. */
final class SampleFrames {

    private SampleFrames() {
    }

    static byte[] frame(int lane, int row, int flags, long sequence, int... samples) {
        return anyFrame(1, lane, row, flags, sequence, samples.length, samples);
    }

    static byte[] frame(SampleBlock b) {
        return frame(b.lane(), b.row(), b.flags(), b.firstSequence(), b.samples());
    }

    /** A frame with any version and declared count, for malformed cases; the CRC is right for what is written. */
    static byte[] anyFrame(int version, int lane, int row, int flags, long sequence, int declared, int... samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xAA);
        out.write(0x55);
        out.write(version);
        out.write(lane);
        out.write(row);
        out.write(flags);
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (sequence >>> shift) & 0xFF);
        }
        out.write(declared >>> 8 & 0xFF);
        out.write(declared & 0xFF);
        for (int s : samples) {
            out.write(s >>> 8 & 0xFF);
            out.write(s & 0xFF);
        }
        byte[] body = out.toByteArray();
        int crc = bitwiseCrc(body, 2, body.length);
        out.write(crc & 0xFF);
        out.write(crc >>> 8);
        return out.toByteArray();
    }

    static int bitwiseCrc(byte[] bytes, int from, int to) {
        int crc = 0xFFFF;
        for (int i = from; i < to; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) == 1 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    static byte[] hex(String text) {
        return HexFormat.ofDelimiter(" ").parseHex(text);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
