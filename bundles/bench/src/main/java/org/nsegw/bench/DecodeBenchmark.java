package org.nsegw.bench;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;
import org.nsegw.emulator.weigh.frames.ModbusFrames;
import org.nsegw.emulator.weigh.frames.RegisterBank;
import org.nsegw.emulator.weigh.frames.ScaleDisplay;
import org.nsegw.emulator.weigh.frames.SmaFrames;
import org.nsegw.emulator.weigh.frames.ToledoFrames;
import org.nsegw.emulator.weigh.frames.WimLineLayout;
import org.nsegw.emulator.weigh.frames.WimLines;
import org.nsegw.emulator.weigh.frames.Xk3190Frames;
import org.nsegw.weigh.internal.codec.Codec;
import org.nsegw.weigh.internal.codec.ModbusRtuCodec;
import org.nsegw.weigh.internal.codec.ModbusSettings;
import org.nsegw.weigh.internal.codec.SmaScp0499Codec;
import org.nsegw.weigh.internal.codec.ToledoContinuousCodec;
import org.nsegw.weigh.internal.codec.WeightUnit;
import org.nsegw.weigh.internal.codec.WimRecordCodec;
import org.nsegw.weigh.internal.codec.WimRecordLayout;
import org.nsegw.weigh.internal.codec.Xk3190Codec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode throughput of each weigh codec: a 1 MiB capture of valid frames (made by the emulator's encoders), fed in
 * 4 KiB chunks as the serial link delivers it. The score is bytes per second; frames per second follow from the
 * frame size printed in BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

    static final int CAPTURE_BYTES = 1 << 20;
    static final int CHUNK = 4096;

    @Param({"toledo-continuous", "xk3190", "sma-scp0499", "modbus-rtu", "wim-record"})
    public String protocol;

    byte[] capture;
    int frames;
    Codec<?> codec;

    @Setup(Level.Trial)
    public void capture() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(CAPTURE_BYTES + 1024);
        List<EmulatedVehicle> vehicles = TrafficScenario.bridge(1, 3600, 0.2).vehicles(1000);
        ModbusSettings modbus = new ModbusSettings(1, 3, 20, 2, 0, 2, true, false, 0, -1, -1, -1, -1, WeightUnit.KG);
        byte[] request = ModbusFrames.readRequest(1, 3, 20, 2);
        int i = 0;
        while (out.size() < CAPTURE_BYTES) {
            int kg = 10_000 + 20 * (i % 2000);
            ScaleDisplay display = ScaleDisplay.gross(BigDecimal.valueOf(kg));
            out.writeBytes(switch (protocol) {
                case "toledo-continuous" -> ToledoFrames.encode(display);
                case "xk3190" -> Xk3190Frames.encode(BigDecimal.valueOf(kg).movePointLeft(3).setScale(2));
                case "sma-scp0499" -> SmaFrames.reply(display);
                case "modbus-rtu" -> ModbusFrames.reply(request, new RegisterBank(1).setWeight32(20, kg, false)).orElseThrow();
                default -> WimLines.render(vehicles.get(i % vehicles.size()), WimLineLayout.defaults());
            });
            i++;
        }
        capture = out.toByteArray();
        frames = i;
        codec = switch (protocol) {
            case "toledo-continuous" -> new ToledoContinuousCodec();
            case "xk3190" -> new Xk3190Codec();
            case "sma-scp0499" -> new SmaScp0499Codec();
            case "modbus-rtu" -> new ModbusRtuCodec(modbus);
            default -> new WimRecordCodec(WimRecordLayout.defaults());
        };
        int values = decode();
        if (values != frames) {
            throw new IllegalStateException(protocol + ": decoded " + values + " of " + frames + " frames");
        }
    }

    /** One pass over the capture; the score counts passes, each of {@link #CAPTURE_BYTES} bytes. */
    @Benchmark
    public int decode() {
        int values = 0;
        for (int off = 0; off < capture.length; off += CHUNK) {
            values += codec.feed(capture, off, Math.min(CHUNK, capture.length - off)).size();
        }
        return values;
    }
}
