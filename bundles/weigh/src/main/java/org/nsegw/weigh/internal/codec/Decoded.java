package org.nsegw.weigh.internal.codec;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a codec made of some bytes: a value with the exact bytes it came from, or a rejection of bytes it could not
 * use.
 *
 * @param <T> the value type: {@link ScaleReading} or {@link VehicleRecord}
 */
public sealed interface Decoded<T> permits Decoded.Value, Decoded.Rejected {

    /** The bytes this outcome covers. */
    byte[] raw();

    /** A value decoded from {@code raw}, which passed every check of its format. */
    record Value<T>(T value, byte[] raw) implements Decoded<T> {
        public Value {
            Objects.requireNonNull(value, "value");
            raw = raw.clone();
        }

        @Override
        public byte[] raw() {
            return raw.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Value<?> v && value.equals(v.value) && Arrays.equals(raw, v.raw);
        }

        @Override
        public int hashCode() {
            return value.hashCode() * 31 + Arrays.hashCode(raw);
        }

        @Override
        public String toString() {
            return "Value[" + value + ", raw " + HexFormat.of().formatHex(raw) + "]";
        }
    }

    /**
     * Bytes that did not make a value.
     *
     * @param reason why
     * @param detail what exactly, for the log and the decode tool (e.g. "checksum 0x4F, computed 0x51")
     */
    record Rejected<T>(Rejection reason, String detail, byte[] raw) implements Decoded<T> {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            raw = raw.clone();
        }

        @Override
        public byte[] raw() {
            return raw.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rejected<?> r && reason == r.reason && detail.equals(r.detail) && Arrays.equals(raw, r.raw);
        }

        @Override
        public int hashCode() {
            return reason.hashCode() * 31 + Arrays.hashCode(raw);
        }

        @Override
        public String toString() {
            return "Rejected[" + reason + ": " + detail + ", raw " + HexFormat.of().formatHex(raw) + "]";
        }
    }
}
