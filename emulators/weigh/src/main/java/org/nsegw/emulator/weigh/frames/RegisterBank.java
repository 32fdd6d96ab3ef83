package org.nsegw.emulator.weigh.frames;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The registers of an emulated Modbus load-cell transmitter: 16-bit values at addresses (as sent on the wire), the
 * same for holding (function 3) and input (function 4) registers. Addresses never set do not exist: reading them
 * gives exception 2.
 */
public final class RegisterBank {

    private final int unit;
    private final Map<Integer, Integer> registers = new TreeMap<>();

    public RegisterBank(int unit) {
        if (unit < 1 || unit > 247) {
            throw new IllegalArgumentException("unit " + unit);
        }
        this.unit = unit;
    }

    public int unit() {
        return unit;
    }

    public RegisterBank set(int address, int value) {
        if (address < 0 || address > 0xFFFF) {
            throw new IllegalArgumentException("address " + address);
        }
        registers.put(address, value & 0xFFFF);
        return this;
    }

    /** A 16-bit weight (two's complement if negative). */
    public RegisterBank setWeight16(int address, int raw) {
        if (raw < Short.MIN_VALUE || raw > 0xFFFF) {
            throw new IllegalArgumentException(raw + " does not fit 16 bits");
        }
        return set(address, raw);
    }

    /** A 32-bit weight over two registers, high word first unless {@code lowWordFirst}. */
    public RegisterBank setWeight32(int address, long raw, boolean lowWordFirst) {
        if (raw < Integer.MIN_VALUE || raw > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(raw + " does not fit 32 bits");
        }
        int high = (int) (raw >>> 16) & 0xFFFF;
        int low = (int) raw & 0xFFFF;
        set(address, lowWordFirst ? low : high);
        return set(address + 1, lowWordFirst ? high : low);
    }

    public OptionalInt get(int address) {
        Integer v = registers.get(address);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
