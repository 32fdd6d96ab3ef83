package org.nsegw.emulator.weigh.raw;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsegw.weigh.internal.codec.Decoded;
import org.nsegw.weigh.internal.codec.RawSampleCodec;
import org.nsegw.weigh.internal.codec.SampleBlock;
import org.nsegw.weigh.internal.raw.RawWimProcessor;
import org.nsegw.weigh.internal.raw.RawWimSettings;
import org.nsegw.weigh.internal.raw.RawWimVehicle;

/**
 * The gateway's side for the tests: bytes through {@link RawSampleCodec}, blocks by lane to one
 * {@link RawWimProcessor} each. Counts what it saw.
 */
final class RawWimPipeline {

    final Map<Integer, RawWimProcessor> processors = new LinkedHashMap<>();
    final Map<Integer, List<RawWimVehicle>> vehicles = new LinkedHashMap<>();
    private final RawSampleCodec codec = new RawSampleCodec();
    long bytes;
    long blocks;
    long samples;
    long rejected;
    long decodeNanos;
    long weighNanos;

    RawWimPipeline(RawWimSettings settings, int... lanes) {
        for (int lane : lanes) {
            processors.put(lane, new RawWimProcessor(lane, settings));
            vehicles.put(lane, new ArrayList<>());
        }
    }

    /** Settings for the front-end as built: its geometry and nominal calibration, the other keys at their defaults. */
    static RawWimSettings settings(RawWimFrontEnd fe) {
        return settings(fe, Map.of());
    }

    static RawWimSettings settings(RawWimFrontEnd fe, Map<String, Object> more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raw.sampleRateHz", fe.sampleRateHz());
        m.put("raw.rowSpacingM", fe.rowSpacingM());
        m.put("raw.sensorLengthM", fe.sensorLengthM());
        m.put("raw.calibration", List.of(fe.calibrationConstant(), fe.calibrationConstant()));
        m.putAll(more);
        return RawWimSettings.of(m);
    }

    RawWimPipeline feed(Iterator<byte[]> frames) {
        while (frames.hasNext()) {
            feed(frames.next());
        }
        return this;
    }

    void feed(byte[] chunk) {
        bytes += chunk.length;
        long t = System.nanoTime();
        List<Decoded<SampleBlock>> out = codec.feed(chunk);
        decodeNanos += System.nanoTime() - t;
        for (Decoded<SampleBlock> d : out) {
            take(d);
        }
    }

    private void take(Decoded<SampleBlock> d) {
        if (d instanceof Decoded.Value<SampleBlock> v) {
            SampleBlock b = v.value();
            blocks++;
            samples += b.count();
            long t = System.nanoTime();
            List<RawWimVehicle> done = processors.get(b.lane()).accept(b);
            weighNanos += System.nanoTime() - t;
            vehicles.get(b.lane()).addAll(done);
        } else {
            rejected++;
        }
    }

    /** The line went quiet: settles the codec and the processors. */
    RawWimPipeline end() {
        for (Decoded<SampleBlock> d : codec.timeout()) {
            take(d);
        }
        processors.forEach((lane, p) -> vehicles.get(lane).addAll(p.flush()));
        return this;
    }

    List<RawWimVehicle> all() {
        return vehicles.values().stream().flatMap(List::stream).toList();
    }
}
