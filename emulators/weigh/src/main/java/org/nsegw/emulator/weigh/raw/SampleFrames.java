package org.nsegw.emulator.weigh.raw;

/**
 * Writes the sample frames of {@code docs/raw-wim.md}: magic AA 55, version 1, lane, row, flags, u32 sequence, u16
 * count, u16 samples (all big-endian), then CRC-16/MODBUS of bytes 2 .. 11+2n, low byte first.
 */
public final class SampleFrames {

    public static final int SENSOR_FAULT = 0x01;

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            int c = b;
            for (int i = 0; i < 8; i++) {
                c = (c >>> 1) ^ ((c & 1) == 0 ? 0 : 0xA001);
            }
            CRC_TABLE[b] = c;
        }
    }

    private SampleFrames() {
    }

    /** The frame of {@code count} samples from {@code samples[from]}, each 0..65535. */
    public static byte[] frame(int lane, int row, int flags, long sequence, int[] samples, int from, int count) {
        if (lane < 0 || lane > 255 || row < 0 || row > 255 || flags < 0 || flags > 255 || count < 0 || count > 0xFFFF) {
            throw new IllegalArgumentException("lane " + lane + ", row " + row + ", flags " + flags + ", " + count + " samples");
        }
        byte[] f = new byte[14 + 2 * count];
        f[0] = (byte) 0xAA;
        f[1] = 0x55;
        f[2] = 1;
        f[3] = (byte) lane;
        f[4] = (byte) row;
        f[5] = (byte) flags;
        f[6] = (byte) (sequence >>> 24);
        f[7] = (byte) (sequence >>> 16);
        f[8] = (byte) (sequence >>> 8);
        f[9] = (byte) sequence;
        f[10] = (byte) (count >>> 8);
        f[11] = (byte) count;
        int at = 12;
        for (int i = from; i < from + count; i++) {
            int s = samples[i];
            f[at++] = (byte) (s >>> 8);
            f[at++] = (byte) s;
        }
        int crc = 0xFFFF;
        for (int i = 2; i < at; i++) {
            crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ f[i]) & 0xFF];
        }
        f[at] = (byte) crc;
        f[at + 1] = (byte) (crc >>> 8);
        return f;
    }
}
