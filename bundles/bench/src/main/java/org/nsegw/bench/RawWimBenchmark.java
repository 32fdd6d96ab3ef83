package org.nsegw.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;
import org.nsegw.emulator.weigh.raw.LaneSignal;
import org.nsegw.emulator.weigh.raw.NoiseModel;
import org.nsegw.emulator.weigh.raw.RawWimFrontEnd;
import org.nsegw.emulator.weigh.raw.RawWimSynthesizer;
import org.nsegw.weigh.internal.codec.Decoded;
import org.nsegw.weigh.internal.codec.RawSampleCodec;
import org.nsegw.weigh.internal.codec.SampleBlock;
import org.nsegw.weigh.internal.raw.RawWimProcessor;
import org.nsegw.weigh.internal.raw.RawWimSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Raw-signal weighing on one core: 60 s of 4-lane bridge traffic (4 lanes × 2 rows × 2 kHz = 960,000 samples),
 * decoded from its sample frames and weighed by one processor per lane. The score is passes per second; times 60
 * it is how many times faster than real time the gateway keeps up (target: 100).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RawWimBenchmark {

    static final double SECONDS = 60;

    List<byte[]> frames;
    RawWimSettings settings;
    int vehicles;

    @Setup(Level.Trial)
    public void render() {
        RawWimFrontEnd fe = RawWimFrontEnd.typical();
        RawWimSynthesizer synth = new RawWimSynthesizer(fe, NoiseModel.forAccuracyClass(5), 1);
        Instant start = Instant.parse("2026-11-23T00:00:00Z");
        List<EmulatedVehicle> traffic = TrafficScenario.bridge(1, 2400, 0.2).vehicles(200);
        List<LaneSignal> lanes = new ArrayList<>();
        for (String lane : List.of("L1", "L2", "L3", "L4")) {
            List<EmulatedVehicle> mine = traffic.stream().filter(v -> v.lane().equals(lane)
                    && v.lastAxleTime().isBefore(start.plusSeconds((long) SECONDS - 10))).toList();
            lanes.add(synth.lane(RawWimSynthesizer.laneNumber(lane), mine, start, start.plusSeconds((long) SECONDS),
                    v -> org.nsegw.emulator.weigh.raw.PassageFaults.NONE));
        }
        frames = new ArrayList<>();
        RawWimSynthesizer.interleave(lanes).forEachRemaining(frames::add);
        Map<String, Object> raw = new HashMap<>();
        raw.put(RawWimSettings.ROW_SPACING, fe.rowSpacingM());
        raw.put(RawWimSettings.SENSOR_LENGTH, fe.sensorLengthM());
        raw.put(RawWimSettings.CALIBRATION, List.of(fe.calibrationConstant(), fe.calibrationConstant()));
        settings = RawWimSettings.of(raw);
        vehicles = weigh();
        if (vehicles == 0) {
            throw new IllegalStateException("no vehicle weighed");
        }
    }

    /** Decodes and weighs the 60 s of traffic once; returns the vehicles weighed. */
    @Benchmark
    public int weigh() {
        RawSampleCodec codec = new RawSampleCodec();
        RawWimProcessor[] processors = new RawWimProcessor[5];
        int weighed = 0;
        for (byte[] frame : frames) {
            for (Decoded<SampleBlock> d : codec.feed(frame)) {
                if (d instanceof Decoded.Value<SampleBlock> v) {
                    SampleBlock b = v.value();
                    RawWimProcessor p = processors[b.lane()];
                    if (p == null) {
                        p = processors[b.lane()] = new RawWimProcessor(b.lane(), settings);
                    }
                    weighed += p.accept(b).size();
                }
            }
        }
        return weighed;
    }
}
