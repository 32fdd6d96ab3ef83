package org.nsegw.emulator.weigh.frames;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Faults for device streams: a flipped byte, a cut frame, noise on the line, a corrupted checksum. */
public final class FaultInjector {

    /** Where each checked format keeps its check. */
    public enum Check {
        /** The last byte: two's complement of the 7-bit sum. */
        TOLEDO,
        /** Bytes 10 and 11: the XOR as two hex digits. */
        XK3190,
        /** The last two bytes: CRC-16, low byte first. */
        MODBUS_RTU,
        /** The last field of the first line: the XOR as two hex digits. */
        WIM_XOR_HEX
    }

    private final RandomGenerator random;

    public FaultInjector(RandomGenerator random) {
        this.random = random;
    }

    /** A copy with {@code bytes[index] ^= mask} ({@code mask} not 0). */
    public static byte[] flipByte(byte[] bytes, int index, int mask) {
        if ((mask & 0xFF) == 0) {
            throw new IllegalArgumentException("a mask of 0 changes nothing");
        }
        byte[] b = bytes.clone();
        b[index] ^= (byte) mask;
        return b;
    }

    /** The first {@code keep} bytes of a frame, as if the line dropped the rest. */
    public static byte[] truncate(byte[] frame, int keep) {
        if (keep < 0 || keep >= frame.length) {
            throw new IllegalArgumentException("keep " + keep + " of " + frame.length + " bytes");
        }
        return Arrays.copyOf(frame, keep);
    }

    /** {@code noise} inserted into {@code stream} before index {@code at}. */
    public static byte[] insert(byte[] stream, int at, byte[] noise) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(stream.length + noise.length);
        out.write(stream, 0, at);
        out.writeBytes(noise);
        out.write(stream, at, stream.length - at);
        return out.toByteArray();
    }

    /** A copy whose check no longer matches, the check still well-formed (so it reads as a checksum error). */
    public static byte[] corruptChecksum(byte[] frame, Check check) {
        byte[] b = frame.clone();
        switch (check) {
            case TOLEDO -> b[b.length - 1] = (byte) ((b[b.length - 1] + 1) & 0x7F);
            case XK3190 -> b[10] = (byte) nextHex(b[10]);
            case MODBUS_RTU -> b[b.length - 1] ^= 0x5A;
            case WIM_XOR_HEX -> {
                int lf = indexOf(b, (byte) '\n');
                int last = lf - 1;
                if (last >= 0 && b[last] == '\r') {
                    last--;
                }
                b[last] = (byte) nextHex(b[last]);
            }
        }
        return b;
    }

    /** {@code length} random bytes, none of them in {@code avoid} (e.g. the frame start, so the noise is only noise). */
    public byte[] noise(int length, int... avoid) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            int v;
            do {
                v = random.nextInt(256);
            } while (contains(avoid, v));
            b[i] = (byte) v;
        }
        return b;
    }

    /** A copy of {@code bytes} with one random byte flipped by a random non-zero mask. */
    public byte[] flipRandomByte(byte[] bytes) {
        return flipByte(bytes, random.nextInt(bytes.length), 1 + random.nextInt(255));
    }

    private static int nextHex(byte c) {
        String digits = "0123456789ABCDEF";
        int i = digits.indexOf(Character.toUpperCase((char) c));
        if (i < 0) {
            throw new IllegalArgumentException("not a hex digit: " + (char) c);
        }
        return digits.charAt((i + 1) % 16);
    }

    private static int indexOf(byte[] b, byte value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("no line end");
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if ((x & 0xFF) == v) {
                return true;
            }
        }
        return false;
    }
}
