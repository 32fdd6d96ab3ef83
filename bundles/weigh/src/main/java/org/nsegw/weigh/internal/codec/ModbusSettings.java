package org.nsegw.weigh.internal.codec;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What to read from a Modbus RTU load-cell transmitter or indicator, from the device profile's {@code modbus.*}
 * keys. Checked here, so that a wrong profile fails with a message an installer can act on.
 *
 * @param unit          {@code modbus.unit}: the device's address, 1–247
 * @param function      {@code modbus.function}: 3 (read holding registers) or 4 (read input registers)
 * @param register      {@code modbus.register}: the first register to read, as sent on the wire (0-based), 0–65535
 * @param count         {@code modbus.count}: how many registers to read, 1–125
 * @param weightOffset  {@code modbus.weightOffset}: the weight's first register, counted from {@code register}
 * @param weightWords   {@code modbus.weightWords}: 1 (16-bit weight) or 2 (32-bit)
 * @param signed        {@code modbus.signed}: the weight is two's complement
 * @param lowWordFirst  {@code modbus.lowWordFirst}: for a 32-bit weight, the low word is in the first register
 * @param decimals      {@code modbus.decimals}: decimals of the weight, 0–6 (1234 with 2 decimals is 12.34)
 * @param statusOffset  {@code modbus.statusOffset}: the status register, counted from {@code register}; -1: none
 * @param motionBit     {@code modbus.motionBit}: the status bit set while the load moves, 0–15; -1: none
 * @param netBit        {@code modbus.netBit}: the status bit set for a net weight; -1: none
 * @param overloadBit   {@code modbus.overloadBit}: the status bit set on overload; -1: none
 * @param weightUnit    the unit of the weight (the profile's {@code units})
 */
public record ModbusSettings(
        int unit,
        int function,
        int register,
        int count,
        int weightOffset,
        int weightWords,
        boolean signed,
        boolean lowWordFirst,
        int decimals,
        int statusOffset,
        int motionBit,
        int netBit,
        int overloadBit,
        WeightUnit weightUnit) {

    public ModbusSettings {
        Objects.requireNonNull(weightUnit, "the weight unit (units) is required");
        check(unit >= 1 && unit <= 247, "modbus.unit must be 1 to 247, not " + unit);
        check(function == 3 || function == 4,
                "modbus.function must be 3 (holding registers) or 4 (input registers), not " + function);
        check(register >= 0 && register <= 0xFFFF, "modbus.register must be 0 to 65535 (the address on the wire), not " + register);
        check(count >= 1 && count <= 125, "modbus.count must be 1 to 125 registers, not " + count);
        check(register + count - 1 <= 0xFFFF, "modbus.register " + register + " plus modbus.count " + count
                + " runs past register 65535");
        check(weightWords == 1 || weightWords == 2, "modbus.weightWords must be 1 or 2, not " + weightWords);
        check(weightOffset >= 0 && weightOffset + weightWords <= count, "modbus.weightOffset " + weightOffset
                + " with modbus.weightWords " + weightWords + " does not fit in the " + count
                + " registers read (modbus.count)");
        check(decimals >= 0 && decimals <= 6, "modbus.decimals must be 0 to 6, not " + decimals);
        check(statusOffset >= -1 && statusOffset < count, "modbus.statusOffset must be -1 (none) or 0 to "
                + (count - 1) + " (within modbus.count), not " + statusOffset);
        bit("modbus.motionBit", motionBit, statusOffset);
        bit("modbus.netBit", netBit, statusOffset);
        bit("modbus.overloadBit", overloadBit, statusOffset);
    }

    /**
     * The settings from the device profile's keys ({@code modbus.*}, and {@code units}: kg, t or lb). Required:
     * {@code modbus.unit} and {@code modbus.register}; the others default to function 3, a 32-bit signed weight
     * high word first at offset 0, as many registers as the weight needs, no decimals, no status, kg.
     */
    public static ModbusSettings from(Map<String, String> profile) {
        int weightOffset = number(profile, "modbus.weightOffset", 0);
        int weightWords = number(profile, "modbus.weightWords", 2);
        return new ModbusSettings(
                number(profile, "modbus.unit", null),
                number(profile, "modbus.function", 3),
                number(profile, "modbus.register", null),
                number(profile, "modbus.count", weightOffset + weightWords),
                weightOffset,
                weightWords,
                bool(profile, "modbus.signed", true),
                bool(profile, "modbus.lowWordFirst", false),
                number(profile, "modbus.decimals", 0),
                number(profile, "modbus.statusOffset", -1),
                number(profile, "modbus.motionBit", -1),
                number(profile, "modbus.netBit", -1),
                number(profile, "modbus.overloadBit", -1),
                units(profile.getOrDefault("units", "kg")));
    }

    /** The profile's {@code units}: kg, t or lb. */
    static WeightUnit units(String units) {
        return switch (units.strip().toLowerCase(Locale.ROOT)) {
            case "kg" -> WeightUnit.KG;
            case "t" -> WeightUnit.T;
            case "lb" -> WeightUnit.LB;
            default -> throw new IllegalArgumentException("units must be kg, t or lb, not '" + units + "'");
        };
    }

    private static int number(Map<String, String> profile, String key, Integer fallback) {
        String v = profile.get(key);
        if (v == null || v.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException(key + " is required");
            }
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'");
        }
    }

    private static boolean bool(Map<String, String> profile, String key, boolean fallback) {
        String v = profile.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + v + "'");
        };
    }

    private static void bit(String key, int bit, int statusOffset) {
        check(bit >= -1 && bit <= 15, key + " must be -1 (none) or 0 to 15, not " + bit);
        check(bit == -1 || statusOffset >= 0, key + " is " + bit + " but modbus.statusOffset is -1: set the status register too");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
