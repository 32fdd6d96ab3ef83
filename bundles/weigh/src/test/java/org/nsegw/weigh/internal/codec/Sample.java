package org.nsegw.weigh.internal.codec;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.nsegw.api.weigh.Axle;

/**
 * Valid frames of every protocol with the value each must decode to, built here from the format descriptions (the
 * tests' own encoders), and garbage that holds no frame start.
 *
 * @param bytes the frame
 * @param value what it must decode to
 */
record Sample<T>(byte[] bytes, T value) {

    // --- Toledo continuous ---

    static Arbitrary<Sample<ScaleReading>> toledo() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 999_999),
                Arbitraries.integers().between(0, 999_999),
                Arbitraries.integers().between(0, 31),
                Arbitraries.of(0, 1, 2),
                Arbitraries.of(true, false)).as(Sample::toledo);
    }

    static Sample<ScaleReading> toledo(int point, int weight, int tare, int swbBits, int unitCode, boolean spaces) {
        int swa = 0x20 | 0x08 | point;
        int swb = 0x20 | swbBits;
        int swc = 0x20 | unitCode;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x02);
        b.write(swa);
        b.write(swb);
        b.write(swc);
        b.writeBytes(six(weight, spaces));
        b.writeBytes(six(tare, spaces));
        b.write(0x0D);
        int sum = 0;
        for (byte x : b.toByteArray()) {
            sum += x & 0x7F;
        }
        b.write(-sum & 0x7F);
        BigDecimal factor = switch (point) {
            case 0 -> BigDecimal.valueOf(100);
            case 1 -> BigDecimal.TEN;
            default -> BigDecimal.ONE;
        };
        int decimals = Math.max(0, point - 2) + (unitCode == 1 ? 3 : 0);
        BigDecimal w = BigDecimal.valueOf(weight).multiply(factor).movePointLeft(decimals).setScale(decimals);
        BigDecimal t = BigDecimal.valueOf(tare).multiply(factor).movePointLeft(decimals).setScale(decimals);
        boolean negative = (swbBits & 0x02) != 0;
        Set<ScaleFlag> flags = EnumSet.noneOf(ScaleFlag.class);
        if ((swbBits & 0x01) != 0) {
            flags.add(ScaleFlag.NET);
        }
        if ((swbBits & 0x04) != 0) {
            flags.add(negative ? ScaleFlag.UNDERLOAD : ScaleFlag.OVERLOAD);
        }
        if ((swbBits & 0x08) != 0) {
            flags.add(ScaleFlag.MOTION);
        }
        WeightUnit unit = unitCode == 2 ? WeightUnit.T : unitCode == 1 || (swbBits & 0x10) != 0 ? WeightUnit.KG : WeightUnit.LB;
        return new Sample<>(b.toByteArray(), new ScaleReading(negative ? w.negate() : w, unit, t, flags));
    }

    private static byte[] six(int value, boolean spaces) {
        String s = String.format("%06d", value);
        if (spaces) {
            s = String.format("%6d", value);
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // --- XK3190 ---

    static Arbitrary<Sample<ScaleReading>> xk3190() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 999_999),
                Arbitraries.integers().between(0, 4)).as(Sample::xk3190);
    }

    static Sample<ScaleReading> xk3190(boolean negative, int digits, int decimals) {
        String body = (negative ? "-" : "+") + String.format("%06d", digits) + decimals;
        int xor = 0;
        for (char c : body.toCharArray()) {
            xor ^= c;
        }
        String frame = "\u0002" + body + String.format("%02X", xor) + "\u0003";
        BigDecimal w = BigDecimal.valueOf(digits, decimals);
        return new Sample<>(frame.getBytes(StandardCharsets.US_ASCII),
                new ScaleReading(negative ? w.negate() : w, WeightUnit.UNKNOWN, null, Set.of()));
    }

    // --- SMA SCP-0499 ---

    static Arbitrary<Sample<ScaleReading>> sma() {
        return Combinators.combine(Arbitraries.of(' ', 'Z', 'O', 'U'), Arbitraries.of('G', 'N', 'g', 'n'),
                Arbitraries.of(true, false), Arbitraries.integers().between(-99_999_99, 999_999_99),
                Arbitraries.integers().between(0, 4), Arbitraries.of("kg ", "lb ", "t  ")).as(Sample::sma);
    }

    static Sample<ScaleReading> sma(char status, char mode, boolean motion, int unscaled, int decimals, String unit) {
        BigDecimal w = BigDecimal.valueOf(unscaled, decimals);
        String text = "\n" + status + "1" + mode + (motion ? 'M' : ' ') + " " + String.format("%10s", w.toPlainString())
                + unit + "\r";
        Set<ScaleFlag> flags = EnumSet.noneOf(ScaleFlag.class);
        switch (status) {
            case 'Z' -> flags.add(ScaleFlag.CENTER_OF_ZERO);
            case 'O' -> flags.add(ScaleFlag.OVERLOAD);
            case 'U' -> flags.add(ScaleFlag.UNDERLOAD);
            default -> {
            }
        }
        if (mode == 'N' || mode == 'n') {
            flags.add(ScaleFlag.NET);
        }
        if (motion) {
            flags.add(ScaleFlag.MOTION);
        }
        WeightUnit u = switch (unit.strip()) {
            case "kg" -> WeightUnit.KG;
            case "lb" -> WeightUnit.LB;
            default -> WeightUnit.T;
        };
        return new Sample<>(text.getBytes(StandardCharsets.US_ASCII), new ScaleReading(w, u, null, flags));
    }

    // --- Modbus RTU ---

    /** Four registers from 100: status at 0 (motion bit 0, net bit 1, overload bit 2), 32-bit signed weight at 1-2. */
    static final ModbusSettings MODBUS = new ModbusSettings(5, 3, 100, 4, 1, 2, true, false, 2, 0, 0, 1, 2, WeightUnit.KG);

    static Arbitrary<Sample<ScaleReading>> modbus() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.integers().between(0, 0xFFFF)).as(Sample::modbus);
    }

    static Sample<ScaleReading> modbus(int weight, int status, int spare) {
        int[] registers = {status, weight >>> 16, weight & 0xFFFF, spare};
        byte[] frame = new byte[3 + 8 + 2];
        frame[0] = 5;
        frame[1] = 3;
        frame[2] = 8;
        for (int i = 0; i < 4; i++) {
            frame[3 + 2 * i] = (byte) (registers[i] >> 8);
            frame[4 + 2 * i] = (byte) registers[i];
        }
        int crc = ModbusRtuCodec.crc16(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) crc;
        frame[frame.length - 1] = (byte) (crc >> 8);
        Set<ScaleFlag> flags = EnumSet.noneOf(ScaleFlag.class);
        if ((status & 1) != 0) {
            flags.add(ScaleFlag.MOTION);
        }
        if ((status & 2) != 0) {
            flags.add(ScaleFlag.NET);
        }
        if ((status & 4) != 0) {
            flags.add(ScaleFlag.OVERLOAD);
        }
        return new Sample<>(frame, new ScaleReading(BigDecimal.valueOf(weight, 2), WeightUnit.KG, null, flags));
    }

    // --- WIM records ---

    static final DateTimeFormatter WIM_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    static Arbitrary<Sample<VehicleRecord>> wim(boolean xorHex) {
        Arbitrary<List<Axle>> axles = Arbitraries.integers().between(2, 12).flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(500, 20_000).list().ofSize(n),
                Arbitraries.integers().between(1_000, 8_000).list().ofSize(n)).as((loads, spacings) -> {
                    List<Axle> list = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        list.add(new Axle(loads.get(i), i == 0 ? 0 : spacings.get(i)));
                    }
                    return list;
                }));
        return Combinators.combine(axles, Arbitraries.integers().between(0, 2000),
                Arbitraries.longs().between(0, 86_400_000L * 365), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 999_999)).as((a, speed10, ms, lane, serial) ->
                        wim(a, speed10 / 10.0, LocalDateTime.of(2026, 1, 1, 0, 0).plusNanos(ms * 1_000_000), "L" + lane,
                                serial, xorHex, lane % 2 == 0));
    }

    static Sample<VehicleRecord> wim(List<Axle> axles, double speed, LocalDateTime time, String lane, int serial,
            boolean xorHex, boolean crlf) {
        int gross = axles.stream().mapToInt(Axle::loadKg).sum();
        StringBuilder text = new StringBuilder();
        line(text, "V," + WIM_TIME.format(time) + "," + lane + "," + speed + "," + axles.size() + "," + gross + "," + serial,
                xorHex, crlf);
        for (int i = 0; i < axles.size(); i++) {
            line(text, "A," + (i + 1) + "," + axles.get(i).loadKg() + "," + axles.get(i).spacingToPreviousMm(), xorHex, crlf);
        }
        return new Sample<>(text.toString().getBytes(StandardCharsets.US_ASCII),
                new VehicleRecord(time, lane, speed, axles, gross, Set.of(), Map.of("serial", String.valueOf(serial))));
    }

    private static void line(StringBuilder text, String line, boolean xorHex, boolean crlf) {
        text.append(line);
        if (xorHex) {
            int xor = 0;
            for (char c : line.toCharArray()) {
                xor ^= c;
            }
            text.append(String.format(",%02X", xor));
        }
        text.append(crlf ? "\r\n" : "\n");
    }

    static WimRecordLayout wimLayout(boolean xorHex) {
        WimRecordLayout d = WimRecordLayout.defaults();
        return new WimRecordLayout(d.delimiter(), d.vehicleTag(), d.vehicleFields(), d.axleTag(), d.axleFields(),
                d.timeFormat(), d.grossTolerancePercent(), xorHex ? WimRecordLayout.Checksum.XOR_HEX : WimRecordLayout.Checksum.NONE);
    }

    // --- garbage ---

    /** Random bytes none of which is in {@code excluded} (a frame start). */
    static Arbitrary<byte[]> garbageWithout(int... excluded) {
        return Arbitraries.integers().between(0, 255).filter(b -> {
            for (int e : excluded) {
                if (b == e) {
                    return false;
                }
            }
            return true;
        }).list().ofMinSize(1).ofMaxSize(40).map(Sample::bytes);
    }

    /** Random bytes that are no Modbus address (0, 248–255): nothing in them can start a reply. */
    static Arbitrary<byte[]> modbusGarbage() {
        return Arbitraries.of(0, 248, 249, 250, 251, 252, 253, 254, 255).list().ofMinSize(1).ofMaxSize(40).map(Sample::bytes);
    }

    /** Lines that are no vehicle line: any bytes but LF, not starting with V, then LF. */
    static Arbitrary<byte[]> wimGarbage() {
        return Arbitraries.integers().between(0, 255).filter(b -> b != '\n').list().ofMinSize(0).ofMaxSize(60)
                .filter(l -> l.isEmpty() || l.get(0) != 'V')
                .map(l -> {
                    List<Integer> withLf = new ArrayList<>(l);
                    withLf.add((int) '\n');
                    return bytes(withLf);
                });
    }

    static byte[] bytes(List<Integer> values) {
        byte[] b = new byte[values.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (int) values.get(i);
        }
        return b;
    }
}
