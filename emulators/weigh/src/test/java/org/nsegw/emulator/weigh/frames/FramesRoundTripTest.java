package org.nsegw.emulator.weigh.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;
import org.nsegw.weigh.internal.codec.Codec;
import org.nsegw.weigh.internal.codec.Decoded;
import org.nsegw.weigh.internal.codec.ModbusRtuCodec;
import org.nsegw.weigh.internal.codec.ModbusSettings;
import org.nsegw.weigh.internal.codec.Rejection;
import org.nsegw.weigh.internal.codec.ScaleFlag;
import org.nsegw.weigh.internal.codec.ScaleReading;
import org.nsegw.weigh.internal.codec.SmaScp0499Codec;
import org.nsegw.weigh.internal.codec.ToledoContinuousCodec;
import org.nsegw.weigh.internal.codec.VehicleRecord;
import org.nsegw.weigh.internal.codec.WeightUnit;
import org.nsegw.weigh.internal.codec.WimRecordCodec;
import org.nsegw.weigh.internal.codec.WimRecordLayout;
import org.nsegw.weigh.internal.codec.Xk3190Codec;

/** The emulator's frames decode, with the gateway's codecs, to what they were made from; its faults are refused. */
class FramesRoundTripTest {

    // --- scale displays ---

    @Provide
    Arbitrary<ScaleDisplay> displays() {
        Arbitrary<BigDecimal> weights = Combinators.combine(Arbitraries.integers().between(-999_999, 999_999),
                Arbitraries.integers().between(-2, 5)).as(BigDecimal::valueOf);
        return Combinators.combine(weights, Arbitraries.integers().between(0, 999_999), Arbitraries.of(ScaleDisplay.Unit.values()),
                Arbitraries.of(true, false).list().ofSize(4)).as((w, tareDigits, unit, b) -> {
                    BigDecimal tare = BigDecimal.valueOf(tareDigits, w.scale());
                    boolean out = b.get(2);
                    return new ScaleDisplay(w, tare, unit, b.get(0), b.get(1), out && w.signum() >= 0,
                            out && w.signum() < 0, b.get(3) && w.signum() == 0);
                });
    }

    @Property(tries = 300)
    void toledoFramesDecodeToTheirDisplay(@ForAll("displays") ScaleDisplay d, @ForAll boolean blanks) {
        ScaleReading r = single(new ToledoContinuousCodec(), ToledoFrames.encode(d, blanks));
        assertThat(r.weight()).isEqualByComparingTo(d.weight());
        assertThat(r.tare()).isEqualByComparingTo(d.tare());
        assertThat(r.weight().scale()).isEqualTo(Math.max(0, d.weight().scale()));
        assertThat(r.unit()).isEqualTo(unit(d.unit()));
        Set<ScaleFlag> flags = flags(d);
        flags.remove(ScaleFlag.CENTER_OF_ZERO);
        assertThat(r.flags()).isEqualTo(flags);
    }

    @Property(tries = 300)
    void xk3190FramesDecodeToTheirWeight(@ForAll @IntRange(min = -999_999, max = 999_999) int digits,
            @ForAll @IntRange(min = 0, max = 4) int decimals) {
        BigDecimal w = BigDecimal.valueOf(digits, decimals);
        ScaleReading r = single(new Xk3190Codec(), Xk3190Frames.encode(w));
        assertThat(r).isEqualTo(new ScaleReading(w, WeightUnit.UNKNOWN, null, Set.of()));
    }

    @Property(tries = 300)
    void smaRepliesDecodeToTheirDisplay(@ForAll("displays") ScaleDisplay d) {
        SmaScp0499Codec codec = new SmaScp0499Codec();
        assertThat(codec.request()).hasValueSatisfying(r -> assertThat(r).isEqualTo(SmaFrames.request()));
        ScaleReading r = single(codec, SmaFrames.reply(d));
        Set<ScaleFlag> flags = flags(d);
        if (d.overload() || d.underload()) {
            flags.remove(ScaleFlag.CENTER_OF_ZERO);
        }
        assertThat(r).isEqualTo(new ScaleReading(d.weight().scale() < 0 ? d.weight().setScale(0) : d.weight(),
                unit(d.unit()), null, flags));
    }

    @Example
    void smaErrorsAreRefused() {
        for (char status : "EIT".toCharArray()) {
            assertThat(rejection(new SmaScp0499Codec(), SmaFrames.error(status, ScaleDisplay.Unit.KG)))
                    .isEqualTo(Rejection.MALFORMED);
        }
        assertThat(rejection(new SmaScp0499Codec(), SmaFrames.unrecognised())).isEqualTo(Rejection.MALFORMED);
    }

    // --- Modbus ---

    @Property(tries = 300)
    void modbusRepliesToTheCodecsRequestDecodeToTheWeight(@ForAll int raw, @ForAll boolean lowWordFirst,
            @ForAll @IntRange(min = 0, max = 0xFFFF) int status, @ForAll @IntRange(min = 0, max = 6) int decimals) {
        ModbusSettings s = new ModbusSettings(17, 3, 0x1000, 3, 1, 2, true, lowWordFirst, decimals, 0, 4, 5, 6, WeightUnit.KG);
        RegisterBank bank = new RegisterBank(17).set(0x1000, status).setWeight32(0x1001, raw, lowWordFirst);
        ScaleReading r = poll(new ModbusRtuCodec(s), bank);
        Set<ScaleFlag> flags = EnumSet.noneOf(ScaleFlag.class);
        if ((status >> 4 & 1) != 0) {
            flags.add(ScaleFlag.MOTION);
        }
        if ((status >> 5 & 1) != 0) {
            flags.add(ScaleFlag.NET);
        }
        if ((status >> 6 & 1) != 0) {
            flags.add(ScaleFlag.OVERLOAD);
        }
        assertThat(r).isEqualTo(new ScaleReading(BigDecimal.valueOf(raw, decimals), WeightUnit.KG, null, flags));
    }

    @Property(tries = 200)
    void modbus16BitWeightsOnInputRegisters(@ForAll @IntRange(min = -32768, max = 32767) int raw, @ForAll boolean signed) {
        ModbusSettings s = new ModbusSettings(1, 4, 20, 1, 0, 1, signed, false, 1, -1, -1, -1, -1, WeightUnit.T);
        ScaleReading r = poll(new ModbusRtuCodec(s), new RegisterBank(1).setWeight16(20, raw));
        long expected = signed ? raw : raw & 0xFFFF;
        assertThat(r.weight()).isEqualTo(BigDecimal.valueOf(expected, 1));
    }

    @Example
    void theDomainExampleRoundTrips() {
        byte[] request = ModbusFrames.readRequest(1, 3, 0x14, 2);
        assertThat(request).isEqualTo(new byte[] {1, 3, 0, 0x14, 0, 2, (byte) 0x84, 0x0F});
        byte[] reply = ModbusFrames.reply(request, new RegisterBank(1).setWeight32(0x14, 1000, false)).orElseThrow();
        assertThat(reply).isEqualTo(new byte[] {1, 3, 4, 0, 0, 3, (byte) 0xE8, (byte) 0xFA, (byte) 0x8D});
    }

    @Example
    void modbusExceptionsAndSilence() {
        ModbusSettings s = new ModbusSettings(1, 3, 20, 2, 0, 2, true, false, 0, -1, -1, -1, -1, WeightUnit.KG);
        byte[] request = new ModbusRtuCodec(s).request().orElseThrow();
        byte[] reply = ModbusFrames.reply(request, new RegisterBank(1).set(20, 0)).orElseThrow();
        List<Decoded<ScaleReading>> out = new ModbusRtuCodec(s).feed(reply);
        assertThat(out).singleElement().isInstanceOfSatisfying(Decoded.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(Rejection.MALFORMED);
            assertThat(r.detail()).contains("exception 2 (illegal data address)");
        });
        assertThat(ModbusFrames.reply(request, new RegisterBank(2).set(20, 0))).isEmpty();
        assertThat(ModbusFrames.reply(FaultInjector.corruptChecksum(request, FaultInjector.Check.MODBUS_RTU),
                new RegisterBank(1).set(20, 0))).isEmpty();
    }

    // --- WIM records ---

    static List<WimLineLayout> layouts() {
        WimLineLayout other = new WimLineLayout(";", "VEH",
                List.of("tag", "serial", "lane", "time", "speedMs", "axleCount", "grossT", "keep:plate", "keep:class", "ignore"),
                "AX", List.of("tag", "index", "spacingM", "loadT", "keep:tyres"), "yyyy-MM-dd HH:mm:ss.SSS",
                WimLineLayout.CHINA, true, true);
        return List.of(WimLineLayout.defaults(), WimLineLayout.defaults().withXorHex(true).withCrlf(true), other);
    }

    static WimRecordLayout gatewayLayout(WimLineLayout l) {
        return new WimRecordLayout(l.delimiter(), l.vehicleTag(), l.vehicleFields(), l.axleTag(), l.axleFields(),
                l.timeFormat(), 2, l.xorHex() ? WimRecordLayout.Checksum.XOR_HEX : WimRecordLayout.Checksum.NONE);
    }

    @Property(tries = 30)
    void wimRecordsOfATrafficScenarioDecodeToItsVehicles(@ForAll long seed) {
        List<EmulatedVehicle> vehicles = TrafficScenario.bridge(seed, 600, 0.3).vehicles(20);
        for (WimLineLayout layout : layouts()) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            vehicles.forEach(v -> stream.writeBytes(WimLines.render(v, layout)));
            Codec<VehicleRecord> codec = new WimRecordCodec(gatewayLayout(layout));
            List<Decoded<VehicleRecord>> out = codec.feed(stream.toByteArray());
            assertThat(out).hasSize(vehicles.size()).allMatch(d -> d instanceof Decoded.Value);
            assertThat(codec.pending()).isZero();
            for (int i = 0; i < vehicles.size(); i++) {
                EmulatedVehicle v = vehicles.get(i);
                VehicleRecord r = ((Decoded.Value<VehicleRecord>) out.get(i)).value();
                assertThat(r.time()).isEqualTo(v.time().atZone(WimLineLayout.CHINA).toLocalDateTime()
                        .truncatedTo(ChronoUnit.MILLIS));
                assertThat(r.lane()).isEqualTo(v.lane());
                assertThat(r.speedKmh()).isCloseTo(v.speedKmh(), Offset.offset(0.002));
                assertThat(r.axles()).isEqualTo(v.axles());
                assertThat(r.grossWeightKg()).isEqualTo(v.grossKg());
                assertThat(r.extra()).containsEntry("serial", String.valueOf(v.serial()));
                if (layout.vehicleFields().contains("keep:plate")) {
                    assertThat(r.extra()).containsEntry("plate", v.frontPlate()).containsEntry("class", v.kind().name());
                }
            }
        }
    }

    @Example
    void aControllerWhoseGrossDisagreesIsRefused() {
        EmulatedVehicle v = TrafficScenario.bridge(7, 600, 0).vehicles(1).get(0);
        byte[] record = WimLines.render(v, v.grossKg() + v.grossKg() / 10, WimLineLayout.defaults());
        assertThat(rejection(new WimRecordCodec(WimRecordLayout.defaults()), record)).isEqualTo(Rejection.MALFORMED);
    }

    // --- faults ---

    @Example
    void faultsBecomeTheRightRejections() {
        FaultInjector faults = new FaultInjector(new SplittableRandom(3));
        byte[] toledo = ToledoFrames.encode(ScaleDisplay.gross(new BigDecimal("38450")));
        assertThat(reasons(new ToledoContinuousCodec(), FaultInjector.flipByte(toledo, 6, 0x01))).containsExactly(Rejection.CHECKSUM);
        assertThat(reasons(new ToledoContinuousCodec(), FaultInjector.flipByte(toledo, 6, 0x80))).containsExactly(Rejection.MALFORMED);
        assertThat(reasons(new ToledoContinuousCodec(), FaultInjector.corruptChecksum(toledo, FaultInjector.Check.TOLEDO)))
                .containsExactly(Rejection.CHECKSUM);
        assertThat(reasons(new ToledoContinuousCodec(), concat(FaultInjector.truncate(toledo, 7), toledo)))
                .containsExactly(Rejection.TRUNCATED, null);
        assertThat(reasons(new ToledoContinuousCodec(), FaultInjector.insert(toledo, 0, faults.noise(9, 0x02))))
                .containsExactly(Rejection.NOISE, null);

        byte[] xk = Xk3190Frames.encode(new BigDecimal("20.00"));
        assertThat(new String(xk, 9, 2, StandardCharsets.US_ASCII)).isEqualTo("1B");
        assertThat(reasons(new Xk3190Codec(), FaultInjector.corruptChecksum(xk, FaultInjector.Check.XK3190)))
                .containsExactly(Rejection.CHECKSUM);
        assertThat(reasons(new Xk3190Codec(), FaultInjector.flipByte(xk, 4, 0x03))).containsExactly(Rejection.CHECKSUM);
        assertThat(reasons(new Xk3190Codec(), concat(FaultInjector.truncate(xk, 5), faults.noise(4, 0x02), xk)))
                .containsExactly(Rejection.TRUNCATED, null);

        ModbusSettings s = new ModbusSettings(1, 3, 20, 2, 0, 2, true, false, 0, -1, -1, -1, -1, WeightUnit.KG);
        byte[] reply = ModbusFrames.reply(new ModbusRtuCodec(s).request().orElseThrow(),
                new RegisterBank(1).setWeight32(20, 1000, false)).orElseThrow();
        assertThat(reasons(new ModbusRtuCodec(s), FaultInjector.corruptChecksum(reply, FaultInjector.Check.MODBUS_RTU)))
                .containsExactly(Rejection.CHECKSUM);
        assertThat(reasons(new ModbusRtuCodec(s), FaultInjector.truncate(reply, 6))).containsExactly(Rejection.TRUNCATED);
        int[] addresses = IntStream.rangeClosed(1, 247).toArray();
        assertThat(reasons(new ModbusRtuCodec(s), FaultInjector.insert(reply, 0, faults.noise(5, addresses))))
                .containsExactly(Rejection.NOISE, null);

        EmulatedVehicle v = TrafficScenario.bridge(11, 600, 0).vehicles(1).get(0);
        WimLineLayout xor = WimLineLayout.defaults().withXorHex(true);
        byte[] record = WimLines.render(v, xor);
        List<Rejection> wim = reasons(new WimRecordCodec(gatewayLayout(xor)),
                FaultInjector.corruptChecksum(record, FaultInjector.Check.WIM_XOR_HEX));
        assertThat(wim.get(0)).isEqualTo(Rejection.CHECKSUM);
        assertThat(wim.subList(1, wim.size())).hasSize(v.axles().size()).containsOnly(Rejection.NOISE);
        int afterTwoLines = lineEnd(record, lineEnd(record, 0)) + 1;
        assertThat(reasons(new WimRecordCodec(gatewayLayout(xor)), concat(FaultInjector.truncate(record, afterTwoLines), record)))
                .containsExactly(Rejection.TRUNCATED, null);
        // Cut inside a line, the next record's vehicle line runs into the cut line, whose checksum then fails;
        // the next record's axle lines are then stray.
        List<Rejection> midLine = reasons(new WimRecordCodec(gatewayLayout(xor)),
                concat(FaultInjector.truncate(record, record.length - 3), record));
        assertThat(midLine.get(0)).isEqualTo(Rejection.CHECKSUM);
        assertThat(midLine.subList(1, midLine.size())).hasSize(v.axles().size()).containsOnly(Rejection.NOISE);
    }

    @Property(tries = 300)
    void aFlippedByteNeverMakesAnotherReading(@ForAll("displays") ScaleDisplay d, @ForAll long seed) {
        FaultInjector faults = new FaultInjector(new SplittableRandom(seed));
        byte[] toledo = ToledoFrames.encode(d);
        ScaleReading original = single(new ToledoContinuousCodec(), toledo);
        assertNoOtherValue(new ToledoContinuousCodec(), faults.flipRandomByte(toledo), original);
        BigDecimal w = new BigDecimal(d.weight().unscaledValue(), Math.min(4, Math.max(0, d.weight().scale())));
        byte[] xk = Xk3190Frames.encode(w);
        assertNoOtherValue(new Xk3190Codec(), faults.flipRandomByte(xk), single(new Xk3190Codec(), xk));
    }

    // --- helpers ---

    private static int lineEnd(byte[] b, int from) {
        for (int i = from + 1; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("no line end");
    }

    private static <T> void assertNoOtherValue(Codec<T> codec, byte[] bytes, T original) {
        List<Decoded<T>> out = new ArrayList<>(codec.feed(bytes));
        out.addAll(codec.timeout());
        out.stream().filter(o -> o instanceof Decoded.Value).forEach(o ->
                assertThat(((Decoded.Value<T>) o).value()).isEqualTo(original));
    }

    private static ScaleReading poll(Codec<ScaleReading> codec, RegisterBank bank) {
        byte[] reply = ModbusFrames.reply(codec.request().orElseThrow(), bank).orElseThrow();
        return single(codec, reply);
    }

    private static <T> T single(Codec<T> codec, byte[] frame) {
        List<Decoded<T>> out = codec.feed(frame);
        assertThat(out).as("%s", out).singleElement().isInstanceOf(Decoded.Value.class);
        assertThat(codec.pending()).isZero();
        return ((Decoded.Value<T>) out.get(0)).value();
    }

    private static <T> Rejection rejection(Codec<T> codec, byte[] frame) {
        List<Rejection> r = reasons(codec, frame);
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    /** The outcomes of the bytes and a timeout: the reason of each rejection, {@code null} for a value. */
    private static <T> List<Rejection> reasons(Codec<T> codec, byte[] bytes) {
        List<Decoded<T>> out = new ArrayList<>(codec.feed(bytes));
        out.addAll(codec.timeout());
        List<Rejection> reasons = new ArrayList<>();
        out.forEach(o -> reasons.add(o instanceof Decoded.Rejected<T> r ? r.reason() : null));
        return reasons;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static WeightUnit unit(ScaleDisplay.Unit u) {
        return switch (u) {
            case KG -> WeightUnit.KG;
            case LB -> WeightUnit.LB;
            case T -> WeightUnit.T;
        };
    }

    private static Set<ScaleFlag> flags(ScaleDisplay d) {
        Set<ScaleFlag> flags = EnumSet.noneOf(ScaleFlag.class);
        if (d.net()) {
            flags.add(ScaleFlag.NET);
        }
        if (d.motion()) {
            flags.add(ScaleFlag.MOTION);
        }
        if (d.overload()) {
            flags.add(ScaleFlag.OVERLOAD);
        }
        if (d.underload()) {
            flags.add(ScaleFlag.UNDERLOAD);
        }
        if (d.centerOfZero()) {
            flags.add(ScaleFlag.CENTER_OF_ZERO);
        }
        return flags;
    }
}
