package org.nsegw.emulator.weigh.raw;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One lane's frames, rendered as they are taken: row 0 then row 1 for each stretch of {@code samplesPerFrame}
 * samples. Memory stays small however long the stream is.
 */
public final class LaneSignal implements Iterator<byte[]> {

    /** A frame mark: the frame is never sent. */
    static final long DROP = -1;
    private static final int NOISE_TABLE = 1 << 16;

    private final int lane;
    private final RawWimFrontEnd frontEnd;
    private final NoiseModel noise;
    private final Instant start;
    private final long samples;
    private final List<RenderedPassage> passages;
    private final StripCrossing[][] crossings = new StripCrossing[2][];
    private final int[] cursor = new int[2];
    private final List<Map<Long, Long>> marks = List.of(new HashMap<>(), new HashMap<>());
    private final double[] offset;
    private final double[] driftPhase;
    private final SplittableRandom random;
    private final float[] gauss = new float[NOISE_TABLE];
    private final double[] acc;
    private final int[] quantised;

    private long block;
    private int row;
    private byte[] pending;
    private long pendingSample;

    LaneSignal(int lane, RawWimFrontEnd frontEnd, NoiseModel noise, Instant start, long samples, List<StripCrossing> all, List<long[]> frameMarks,
            List<RenderedPassage> passages, double[] offset, double[] driftPhase, SplittableRandom random) {
        this.lane = lane;
        this.frontEnd = frontEnd;
        this.noise = noise;
        this.start = start;
        this.samples = samples;
        this.passages = List.copyOf(passages);
        for (int r = 0; r < 2; r++) {
            int row = r;
            crossings[r] = all.stream().filter(c -> c.row == row).sorted(Comparator.comparingLong(c -> c.from)).toArray(StripCrossing[]::new);
        }
        for (long[] m : frameMarks) {
            marks.get((int) m[0]).merge(m[1], m[2], (a, b) -> a == DROP || b == DROP ? DROP : a | b);
        }
        this.offset = offset.clone();
        this.driftPhase = driftPhase.clone();
        this.random = random;
        // White noise from a table of normal deviates, picked by 16 random bits: several times cheaper than a
        // normal deviate per sample, and indistinguishable from it for a threshold detector.
        for (int i = 0; i < NOISE_TABLE; i++) {
            gauss[i] = (float) random.nextGaussian();
        }
        this.acc = new double[frontEnd.samplesPerFrame()];
        this.quantised = new int[frontEnd.samplesPerFrame()];
    }

    public int lane() {
        return lane;
    }

    /** The instant of sample 0. */
    public Instant start() {
        return start;
    }

    /** How many samples each row streams. */
    public long samples() {
        return samples;
    }

    /** The truth of every vehicle rendered, in the order given. */
    public List<RenderedPassage> passages() {
        return passages;
    }

    /** The sequence number of sample {@code index} of this stream. */
    public long sequenceOf(long index) {
        return (frontEnd.firstSequence() + index) & 0xFFFF_FFFFL;
    }

    /** The first sample of the next frame. */
    long nextSample() {
        advance();
        return pendingSample;
    }

    @Override
    public boolean hasNext() {
        advance();
        return pending != null;
    }

    @Override
    public byte[] next() {
        advance();
        if (pending == null) {
            throw new NoSuchElementException();
        }
        byte[] f = pending;
        pending = null;
        return f;
    }

    /** Renders frames until one is to be sent or the stream is over. */
    private void advance() {
        int size = frontEnd.samplesPerFrame();
        while (pending == null && block * size < samples) {
            Long mark = marks.get(row).get(block);
            byte[] frame = render(row, block, mark == null || mark == DROP ? 0 : mark);
            if (row == 1) {
                row = 0;
                block++;
            } else {
                row = 1;
            }
            if (mark == null || mark != DROP) {
                pending = frame;
                pendingSample = (row == 0 ? block - 1 : block) * size;
            }
        }
    }

    private byte[] render(int r, long b, long flags) {
        int size = frontEnd.samplesPerFrame();
        long first = b * size;
        int n = (int) Math.min(size, samples - first);
        double fs = frontEnd.sampleRateHz();
        double base0 = baseline(r, first / fs);
        double step = (baseline(r, (first + n) / fs) - base0) / n;
        double sd = noise.sensorNoiseCounts();
        long bits = 0;
        for (int i = 0; i < n; i++) {
            if ((i & 3) == 0) {
                bits = random.nextLong();
            }
            acc[i] = base0 + step * i + sd * gauss[(int) (bits & 0xFFFF)];
            bits >>>= 16;
        }
        StripCrossing[] cs = crossings[r];
        while (cursor[r] < cs.length && cs[cursor[r]].to < first) {
            cursor[r]++;
        }
        for (int j = cursor[r]; j < cs.length && cs[j].from < first + n; j++) {
            if (cs[j].to >= first) {
                cs[j].render(acc, first, n, fs);
            }
        }
        for (int i = 0; i < n; i++) {
            long v = Math.round(acc[i]);
            quantised[i] = (int) Math.max(0, Math.min(0xFFFF, v));
        }
        return SampleFrames.frame(lane, r, (int) flags, sequenceOf(first), quantised, 0, n);
    }

    /** The unloaded output of row {@code r} at {@code t} seconds. */
    private double baseline(int r, double t) {
        return offset[r] + noise.driftCountsPerS() * t
                + noise.driftAmplitudeCounts() * Math.sin(2 * Math.PI * t / noise.driftPeriodS() + driftPhase[r]);
    }

    /** Every frame, for short streams in tests. */
    public List<byte[]> frames() {
        List<byte[]> all = new ArrayList<>();
        forEachRemaining(all::add);
        return all;
    }
}
