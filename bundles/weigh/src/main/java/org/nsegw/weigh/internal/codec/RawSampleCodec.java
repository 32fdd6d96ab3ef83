package org.nsegw.weigh.internal.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sample frames of a raw weigh-in-motion front-end (protocol {@code wim-raw}), as specified in
 * {@code docs/raw-wim.md}:
 *
 * <pre>
 * offset size field
 * 0      2    magic 0xAA 0x55
 * 2      1    version = 1
 * 3      1    lane (1..255)
 * 4      1    row (0 = first row in the direction of travel, 1 = second)
 * 5      1    flags (bit 0: sensor fault reported by the front-end)
 * 6      4    sequence number of the first sample, u32 big-endian, wraps
 * 10     2    n = number of samples, u16 big-endian, 1..512
 * 12     2n   samples, u16 big-endian ADC counts
 * 12+2n  2    CRC-16/MODBUS over bytes 2 .. 11+2n, low byte first
 * </pre>
 *
 * <p>What comes out depends only on the bytes, never on how they were split into calls: bytes before a frame
 * start are held until the next frame start shows them to be {@link Rejection#NOISE} (in pieces of at most
 * {@value #MAX_NOISE} bytes), and every decision that needs a byte not yet received waits for it.
 *
 * <ul>
 *   <li>A header with a version other than 1 or a sample count outside 1..512 is {@link Rejection#MALFORMED}
 *       (its 12 bytes), unless a frame start appears inside those 12 bytes: then the bytes before it are
 *       {@link Rejection#TRUNCATED}, a frame cut short by the next one.</li>
 *   <li>A complete frame whose CRC does not match is {@link Rejection#CHECKSUM}, unless a frame start lies inside
 *       it: then the bytes before that start are {@link Rejection#TRUNCATED} and decoding resumes there.</li>
 *   <li>A frame with a good CRC but lane 0 or a row other than 0 and 1 is {@link Rejection#MALFORMED}.</li>
 * </ul>
 */
public final class RawSampleCodec implements Codec<SampleBlock> {

    static final int MAGIC_0 = 0xAA;
    static final int MAGIC_1 = 0x55;
    static final int VERSION = 1;
    static final int HEADER = 12;
    /** Noise is reported in pieces of at most this many bytes, so that garbage never fills the buffer. */
    static final int MAX_NOISE = 1024;
    static final int MAX_FRAME = HEADER + 2 * SampleBlock.MAX_SAMPLES + 2;

    private static final int[] CRC_TABLE = crcTable();

    private final byte[] buf = new byte[8 * 1024];
    private int size;

    @Override
    public List<Decoded<SampleBlock>> feed(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " of " + bytes.length + " bytes");
        }
        List<Decoded<SampleBlock>> out = new ArrayList<>();
        while (length > 0) {
            int n = Math.min(length, buf.length - size);
            System.arraycopy(bytes, offset, buf, size, n);
            size += n;
            offset += n;
            length -= n;
            compact(decode(out, false));
        }
        return out;
    }

    @Override
    public List<Decoded<SampleBlock>> timeout() {
        List<Decoded<SampleBlock>> out = new ArrayList<>();
        while (size > 0) {
            compact(decode(out, true));
        }
        return out;
    }

    @Override
    public int pending() {
        return size;
    }

    /**
     * Decodes what the buffer allows and returns how many bytes from its start were settled. With {@code end}, no
     * more bytes will come: what would wait for more is settled as well (at least one byte of it).
     */
    private int decode(List<Decoded<SampleBlock>> out, boolean end) {
        int pos = 0;
        while (pos < size) {
            int start = frameStart(pos);
            while (start - pos >= MAX_NOISE) {
                pos = reject(out, Rejection.NOISE, "no frame start in " + MAX_NOISE + " bytes", pos, pos + MAX_NOISE);
            }
            boolean definite = start + 1 < size;
            if (!definite && !end) {
                return pos;
            }
            if (start > pos) {
                pos = reject(out, Rejection.NOISE, (start - pos) + " bytes outside a frame", pos, start);
            }
            if (pos == size) {
                return pos;
            }
            int settled = frame(out, pos, end);
            if (settled == pos) {
                return pos;
            }
            pos = settled;
        }
        return pos;
    }

    /** Decodes the frame that starts at {@code pos}; returns where the next one may start, or {@code pos} to wait. */
    private int frame(List<Decoded<SampleBlock>> out, int pos, boolean end) {
        int available = size - pos;
        if (available < HEADER) {
            return end ? cut(out, pos, size) : pos;
        }
        int version = buf[pos + 2] & 0xFF;
        int n = (buf[pos + 10] & 0xFF) << 8 | buf[pos + 11] & 0xFF;
        if (version != VERSION || n < 1 || n > SampleBlock.MAX_SAMPLES) {
            // The header may belong to a frame cut short by the next one; look for that one in the header.
            for (int p = pos + 2; p < pos + HEADER; p++) {
                if ((buf[p] & 0xFF) == MAGIC_0) {
                    if (p + 1 == size && !end) {
                        return pos;
                    }
                    if (p + 1 < size && (buf[p + 1] & 0xFF) == MAGIC_1) {
                        return reject(out, Rejection.TRUNCATED, "frame cut short: a new frame starts at byte " + (p - pos)
                                + " of its header", pos, p);
                    }
                }
            }
            String why = version != VERSION ? "version " + version + ", expected " + VERSION
                    : "sample count " + n + ", expected 1.." + SampleBlock.MAX_SAMPLES;
            return reject(out, Rejection.MALFORMED, why, pos, pos + HEADER);
        }
        int total = HEADER + 2 * n + 2;
        if (available < total) {
            return end ? cut(out, pos, size) : pos;
        }
        int crcAt = pos + HEADER + 2 * n;
        int received = buf[crcAt] & 0xFF | (buf[crcAt + 1] & 0xFF) << 8;
        int computed = crc(buf, pos + 2, crcAt);
        if (received != computed) {
            for (int p = pos + 2; p < pos + total - 1; p++) {
                if ((buf[p] & 0xFF) == MAGIC_0 && (buf[p + 1] & 0xFF) == MAGIC_1) {
                    return reject(out, Rejection.TRUNCATED, String.format("frame cut short: CRC 0x%04X, computed 0x%04X, and a new "
                            + "frame starts at byte %d of %d", received, computed, p - pos, total), pos, p);
                }
            }
            return reject(out, Rejection.CHECKSUM, String.format("CRC 0x%04X, computed 0x%04X", received, computed), pos, pos + total);
        }
        int lane = buf[pos + 3] & 0xFF;
        int row = buf[pos + 4] & 0xFF;
        if (lane == 0 || row > 1) {
            return reject(out, Rejection.MALFORMED, lane == 0 ? "lane 0, expected 1..255" : "row " + row + ", expected 0 or 1",
                    pos, pos + total);
        }
        int flags = buf[pos + 5] & 0xFF;
        long sequence = (buf[pos + 6] & 0xFFL) << 24 | (buf[pos + 7] & 0xFF) << 16 | (buf[pos + 8] & 0xFF) << 8 | buf[pos + 9] & 0xFF;
        int[] samples = new int[n];
        for (int i = 0, at = pos + HEADER; i < n; i++, at += 2) {
            samples[i] = (buf[at] & 0xFF) << 8 | buf[at + 1] & 0xFF;
        }
        out.add(new Decoded.Value<>(new SampleBlock(lane, row, flags, sequence, samples), Arrays.copyOfRange(buf, pos, pos + total)));
        return pos + total;
    }

    /** At the end of input: the incomplete frame at {@code pos} ends where the next frame start is, if any. */
    private int cut(List<Decoded<SampleBlock>> out, int pos, int limit) {
        for (int p = pos + 2; p + 1 < limit; p++) {
            if ((buf[p] & 0xFF) == MAGIC_0 && (buf[p + 1] & 0xFF) == MAGIC_1) {
                return reject(out, Rejection.TRUNCATED, "incomplete frame of " + (p - pos) + " bytes, then a new frame", pos, p);
            }
        }
        return reject(out, Rejection.TRUNCATED, "incomplete frame of " + (limit - pos) + " bytes", pos, limit);
    }

    /** The first position from {@code from} where a frame may start: 0xAA then 0x55, or 0xAA as the last byte. */
    private int frameStart(int from) {
        for (int p = from; p < size; p++) {
            if ((buf[p] & 0xFF) == MAGIC_0 && (p + 1 == size || (buf[p + 1] & 0xFF) == MAGIC_1)) {
                return p;
            }
        }
        return size;
    }

    private int reject(List<Decoded<SampleBlock>> out, Rejection reason, String detail, int from, int to) {
        out.add(new Decoded.Rejected<>(reason, detail, Arrays.copyOfRange(buf, from, to)));
        return to;
    }

    private void compact(int settled) {
        System.arraycopy(buf, settled, buf, 0, size - settled);
        size -= settled;
    }

    /** CRC-16/MODBUS (reflected polynomial 0xA001, initial value 0xFFFF) of {@code bytes[from..to)}. */
    static int crc(byte[] bytes, int from, int to) {
        int crc = 0xFFFF;
        for (int i = from; i < to; i++) {
            crc = crc >>> 8 ^ CRC_TABLE[(crc ^ bytes[i]) & 0xFF];
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int c = b;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? c >>> 1 ^ 0xA001 : c >>> 1;
            }
            table[b] = c;
        }
        return table;
    }

    @Override
    public Class<SampleBlock> valueType() {
        return SampleBlock.class;
    }
}
