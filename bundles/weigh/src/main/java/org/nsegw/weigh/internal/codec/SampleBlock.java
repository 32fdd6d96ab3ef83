package org.nsegw.weigh.internal.codec;

import java.util.Arrays;

/**
 * Consecutive ADC samples of one sensor row of a raw weigh-in-motion front-end, as one frame of
 * {@link RawSampleCodec} carries them.
 *
 * <p>Both rows of a lane are sampled by one clock: sample {@code s} of row 0 and sample {@code s} of row 1 were
 * taken at the same instant. The sequence number counts samples of that clock and wraps at 2<sup>32</sup>.
 *
 * <p>Immutable: the samples are copied in and read through {@link #sample(int)} or copied out by {@link #samples()}.
 */
public final class SampleBlock {

    /** Bit 0 of the flags: the front-end reports a fault of this row's sensor for these samples. */
    public static final int SENSOR_FAULT = 0x01;
    /** The most samples one frame carries. */
    public static final int MAX_SAMPLES = 512;

    private final int lane;
    private final int row;
    private final int flags;
    private final long firstSequence;
    private final int[] samples;

    /**
     * @param lane          the lane, 1 to 255
     * @param row           0 for the first row in the direction of travel, 1 for the second
     * @param flags         the frame's flag byte
     * @param firstSequence the sequence number of the first sample, 0 to 2<sup>32</sup> - 1
     * @param samples       1 to 512 ADC counts, 0 to 65535 each
     */
    public SampleBlock(int lane, int row, int flags, long firstSequence, int[] samples) {
        if (lane < 1 || lane > 255) {
            throw new IllegalArgumentException("lane " + lane + " is not 1..255");
        }
        if (row != 0 && row != 1) {
            throw new IllegalArgumentException("row " + row + " is not 0 or 1");
        }
        if (flags < 0 || flags > 255) {
            throw new IllegalArgumentException("flags " + flags + " do not fit a byte");
        }
        if (firstSequence < 0 || firstSequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence " + firstSequence + " is not an unsigned 32-bit number");
        }
        if (samples.length < 1 || samples.length > MAX_SAMPLES) {
            throw new IllegalArgumentException(samples.length + " samples, not 1.." + MAX_SAMPLES);
        }
        for (int s : samples) {
            if (s < 0 || s > 0xFFFF) {
                throw new IllegalArgumentException("sample " + s + " is not 0..65535");
            }
        }
        this.lane = lane;
        this.row = row;
        this.flags = flags;
        this.firstSequence = firstSequence;
        this.samples = samples.clone();
    }

    public int lane() {
        return lane;
    }

    public int row() {
        return row;
    }

    public int flags() {
        return flags;
    }

    public boolean sensorFault() {
        return (flags & SENSOR_FAULT) != 0;
    }

    public long firstSequence() {
        return firstSequence;
    }

    /** How many samples the block has. */
    public int count() {
        return samples.length;
    }

    /** Sample {@code i}, in ADC counts. */
    public int sample(int i) {
        return samples[i];
    }

    /** A copy of the samples. */
    public int[] samples() {
        return samples.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampleBlock b && lane == b.lane && row == b.row && flags == b.flags
                && firstSequence == b.firstSequence && Arrays.equals(samples, b.samples);
    }

    @Override
    public int hashCode() {
        return ((lane * 31 + row) * 31 + flags) * 31 + Long.hashCode(firstSequence) * 31 + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "SampleBlock[lane " + lane + " row " + row + " flags 0x" + Integer.toHexString(flags) + " seq "
                + firstSequence + ", " + samples.length + " samples " + Arrays.toString(Arrays.copyOf(samples, Math.min(8, samples.length)))
                + (samples.length > 8 ? "…" : "") + "]";
    }
}
