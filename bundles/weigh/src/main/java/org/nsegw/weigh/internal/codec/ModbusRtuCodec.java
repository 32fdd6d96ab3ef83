package org.nsegw.weigh.internal.codec;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Modbus RTU, polled: reads a block of holding or input registers holding the weight (and optionally a status
 * word) from one device.
 *
 * <p>Request: {@code unit function start(2) count(2) CRC(2)}. Reply: {@code unit function byteCount data CRC}, or the
 * exception {@code unit function|0x80 code CRC}. The CRC is CRC-16/MODBUS (polynomial 0xA001 reflected, initial
 * 0xFFFF), low byte first. Without a clock the codec cannot see the 3.5-character silences between frames: a reply
 * is framed by its length (its byte count, or 5 bytes for an exception) and then checked by its CRC. A frame start is
 * an address 1–247, a read function (3, 4) or its exception (0x83, 0x84), and an even byte count 2–250 (or an
 * exception code 1–11); bytes before one are noise.
 *
 * <p>A reply with a good CRC is still refused (as malformed) when it comes from another unit, answers another
 * function, is an exception (named in the detail), or holds another number of registers than were asked.
 */
public final class ModbusRtuCodec extends StreamCodec<ScaleReading> {

    private final ModbusSettings settings;
    private final byte[] request;

    public ModbusRtuCodec(ModbusSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        byte[] r = {(byte) settings.unit(), (byte) settings.function(), (byte) (settings.register() >> 8),
            (byte) settings.register(), (byte) (settings.count() >> 8), (byte) settings.count(), 0, 0};
        int crc = crc16(r, 0, 6);
        r[6] = (byte) crc;
        r[7] = (byte) (crc >> 8);
        this.request = r;
    }

    public ModbusSettings settings() {
        return settings;
    }

    @Override
    public Optional<byte[]> request() {
        return Optional.of(request.clone());
    }

    @Override
    protected Cut<ScaleReading> next(Window w) {
        int start = startAt(w, 0);
        if (start == StartTest.UNKNOWN) {
            return null;
        }
        if (start == StartTest.NO) {
            return noise(w, ModbusRtuCodec::startAt, "a reply start (address, function)", false);
        }
        int length = frameLength(w);
        if (w.length() < length) {
            return null;
        }
        return frame(w, length);
    }

    @Override
    protected Cut<ScaleReading> atTimeout(Window w) {
        if (startAt(w, 0) == StartTest.NO) {
            return noise(w, ModbusRtuCodec::startAt, "a reply start (address, function)", true);
        }
        String of = w.length() >= 3 ? " of " + frameLength(w) : "";
        return Cut.reject(w.length(), Rejection.TRUNCATED, "no complete reply: " + w.length() + of + " bytes");
    }

    /** Whether a reply can start at {@code i}: an address, a read function or its exception, a byte count or code. */
    private static int startAt(Window w, int i) {
        int unit = w.at(i);
        if (unit < 1 || unit > 247) {
            return StartTest.NO;
        }
        if (i + 1 >= w.length()) {
            return StartTest.UNKNOWN;
        }
        int function = w.at(i + 1);
        if (function != 3 && function != 4 && function != 0x83 && function != 0x84) {
            return StartTest.NO;
        }
        if (i + 2 >= w.length()) {
            return StartTest.UNKNOWN;
        }
        int third = w.at(i + 2);
        boolean plausible = (function & 0x80) != 0 ? third >= 1 && third <= 11 : third >= 2 && third <= 250 && third % 2 == 0;
        return plausible ? StartTest.YES : StartTest.NO;
    }

    private static int frameLength(Window w) {
        return (w.at(1) & 0x80) != 0 ? 5 : 5 + w.at(2);
    }

    private Cut<ScaleReading> frame(Window w, int length) {
        byte[] bytes = w.copy(0, length);
        int computed = crc16(bytes, 0, length - 2);
        int sent = w.at(length - 2) | w.at(length - 1) << 8;
        if (sent != computed) {
            return Cut.reject(length, Rejection.CHECKSUM, String.format("CRC 0x%04X, computed 0x%04X", sent, computed));
        }
        int unit = w.at(0);
        int function = w.at(1) & 0x7F;
        if (unit != settings.unit()) {
            return Cut.reject(length, Rejection.MALFORMED, "a reply from unit " + unit + "; unit " + settings.unit() + " was polled");
        }
        if (function != settings.function()) {
            return Cut.reject(length, Rejection.MALFORMED, "a reply to function " + function + "; function "
                    + settings.function() + " was sent");
        }
        if ((w.at(1) & 0x80) != 0) {
            int code = w.at(2);
            return Cut.reject(length, Rejection.MALFORMED, "exception " + code + " (" + exception(code) + ") reading "
                    + settings.count() + " registers from " + settings.register());
        }
        int byteCount = w.at(2);
        if (byteCount != settings.count() * 2) {
            return Cut.reject(length, Rejection.MALFORMED, byteCount / 2 + " registers in the reply; "
                    + settings.count() + " were asked (modbus.count)");
        }
        long raw;
        int first = register(w, settings.weightOffset());
        if (settings.weightWords() == 1) {
            raw = settings.signed() ? (short) first : first;
        } else {
            int second = register(w, settings.weightOffset() + 1);
            int value = settings.lowWordFirst() ? second << 16 | first : first << 16 | second;
            raw = settings.signed() ? value : Integer.toUnsignedLong(value);
        }
        Set<ScaleFlag> flags = EnumSet.noneOf(ScaleFlag.class);
        if (settings.statusOffset() >= 0) {
            int status = register(w, settings.statusOffset());
            flag(flags, status, settings.motionBit(), ScaleFlag.MOTION);
            flag(flags, status, settings.netBit(), ScaleFlag.NET);
            flag(flags, status, settings.overloadBit(), ScaleFlag.OVERLOAD);
        }
        return Cut.value(length, new ScaleReading(BigDecimal.valueOf(raw, settings.decimals()), settings.weightUnit(), null, flags));
    }

    /** Register {@code offset} of the block in the reply, big-endian as Modbus sends registers. */
    private static int register(Window w, int offset) {
        return w.at(3 + 2 * offset) << 8 | w.at(4 + 2 * offset);
    }

    private static void flag(Set<ScaleFlag> flags, int status, int bit, ScaleFlag flag) {
        if (bit >= 0 && (status >> bit & 1) != 0) {
            flags.add(flag);
        }
    }

    /** The exception codes of the Modbus application protocol, §7. */
    static String exception(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "unknown exception code";
        };
    }

    /** CRC-16/MODBUS: reflected polynomial 0xA001, initial value 0xFFFF; sent low byte first. */
    static int crc16(byte[] bytes, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? crc >>> 1 ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    @Override
    public Class<ScaleReading> valueType() {
        return ScaleReading.class;
    }
}
