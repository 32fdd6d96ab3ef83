package org.nsegw.weigh.internal.driver;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nsegw.weigh.internal.codec.Decoded;
import org.nsegw.weigh.internal.codec.RawSampleCodec;
import org.nsegw.weigh.internal.codec.SampleBlock;
import org.nsegw.weigh.internal.raw.RawWimProcessor;
import org.nsegw.weigh.internal.raw.RawWimSettings;
import org.nsegw.weigh.internal.raw.RawWimVehicle;

/**
 * A raw weigh-in-motion front-end: sample frames of two sensor rows, weighed by the area method
 * ({@code docs/raw-wim.md}). One processor per lane number the front-end sends.
 */
public final class RawPipeline implements Pipeline {

    private final RawSampleCodec codec = new RawSampleCodec();
    private final RawWimSettings settings;
    private final Map<Integer, RawWimProcessor> processors = new HashMap<>();
    private final Map<Integer, Long> clocks = new HashMap<>();
    /** Recent frames per lane, kept so that a vehicle carries the samples it was weighed from. */
    private final Map<Integer, ArrayDeque<Frame>> recent = new HashMap<>();

    private record Frame(long first, long end, byte[] raw) {
    }

    /** Frames kept per lane: 2 rows at 2 kHz in frames of 100 samples fill this in 20 s. */
    static final int RECENT_FRAMES = 800;
    /** Samples kept as evidence before the first and after the last axle: the whole pulses and some baseline. */
    static final double EVIDENCE_MARGIN_S = 0.5;

    public RawPipeline(RawWimSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<Outcome> feed(byte[] bytes, int offset, int length, Instant now) {
        List<Outcome> out = new ArrayList<>();
        for (Decoded<SampleBlock> d : codec.feed(bytes, offset, length)) {
            if (d instanceof Decoded.Rejected<SampleBlock> r) {
                out.add(new Rejected(r.reason(), r.detail(), r.raw().length));
                continue;
            }
            SampleBlock block = ((Decoded.Value<SampleBlock>) d).value();
            out.add(new Reading());
            RawWimProcessor p = processors.computeIfAbsent(block.lane(), lane -> new RawWimProcessor(lane, settings));
            long first = unwrap(block.lane(), block.firstSequence());
            clocks.merge(block.lane(), first + block.count(), Math::max);
            ArrayDeque<Frame> frames = recent.computeIfAbsent(block.lane(), lane -> new ArrayDeque<>());
            frames.addLast(new Frame(first, first + block.count(), d.raw()));
            while (frames.size() > RECENT_FRAMES) {
                frames.removeFirst();
            }
            for (RawWimVehicle v : p.accept(block)) {
                out.add(new Measured(measured(block.lane(), v, now)));
            }
        }
        return out;
    }

    @Override
    public List<Outcome> timeout(Instant now) {
        List<Outcome> out = new ArrayList<>();
        for (Decoded<SampleBlock> d : codec.timeout()) {
            if (d instanceof Decoded.Rejected<SampleBlock> r) {
                out.add(new Rejected(r.reason(), r.detail(), r.raw().length));
            }
        }
        // The line went quiet: the vehicle being assembled on each lane is complete.
        processors.forEach((lane, p) -> p.flush().forEach(v -> out.add(new Measured(measured(lane, v, now)))));
        return out;
    }

    @Override
    public int pending() {
        return codec.pending();
    }

    /**
     * The vehicle timed by its last axle: the lane's clock has run on since, by samples the gateway has already
     * received.
     */
    private Measurement measured(int lane, RawWimVehicle v, Instant now) {
        double behind = Math.max(0, clocks.get(lane) - v.lastAxleSample()) / settings.sampleRateHz();
        Instant time = now.minusNanos(Math.round(behind * 1e9));
        double margin = EVIDENCE_MARGIN_S * settings.sampleRateHz();
        ByteArrayOutputStream evidence = new ByteArrayOutputStream();
        for (Frame f : recent.getOrDefault(lane, new ArrayDeque<>())) {
            if (f.end() > v.firstAxleSample() - margin && f.first() < v.lastAxleSample() + margin) {
                evidence.writeBytes(f.raw());
            }
        }
        return new Measurement(time, v.record().speedKmh(), v.record().axles(), v.groups(), v.record().grossWeightKg(),
                v.record().flags(), evidence.toByteArray());
    }

    /** Sequence numbers wrap at 2^32; the processor unwraps them the same way. */
    private long unwrap(int lane, long sequence) {
        Long last = clocks.get(lane);
        if (last == null) {
            return sequence;
        }
        long candidate = (last & ~0xFFFF_FFFFL) | sequence;
        if (candidate < last - (1L << 31)) {
            candidate += 1L << 32;
        } else if (candidate > last + (1L << 31)) {
            candidate -= 1L << 32;
        }
        return candidate;
    }
}
