package org.nsegw.anpr.internal;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Messages damaged the ways transmission and firmware bugs damage them: cut, bytes changed, inserted, removed. */
public final class Mutations {

    private Mutations() {
    }

    /** Random damage to {@code original}: one to four edits, or a cut at any point. */
    public static Arbitrary<byte[]> of(byte[] original) {
        Arbitrary<byte[]> cut = Arbitraries.integers().between(0, original.length).map(n -> Arrays.copyOf(original, n));
        Arbitrary<byte[]> edited = Arbitraries.integers().between(1, 4).flatMap(n -> edits(original, n));
        return Arbitraries.oneOf(cut, edited);
    }

    private static Arbitrary<byte[]> edits(byte[] original, int count) {
        Arbitrary<byte[]> result = Arbitraries.just(original);
        for (int i = 0; i < count; i++) {
            result = result.flatMap(Mutations::edit);
        }
        return result;
    }

    private static Arbitrary<byte[]> edit(byte[] b) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Math.max(0, b.length - 1));
        Arbitrary<Byte> value = Arbitraries.oneOf(Arbitraries.bytes(),
                Arbitraries.of((byte) '<', (byte) '>', (byte) '"', (byte) '{', (byte) '}', (byte) '&', (byte) 0, (byte) '\n'));
        return Combinators.combine(Arbitraries.integers().between(0, 2), at, value).as((kind, i, v) -> {
            if (b.length == 0) {
                return new byte[] {v};
            }
            switch (kind) {
                case 0: {
                    byte[] c = b.clone();
                    c[i] = v;
                    return c;
                }
                case 1: {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, i);
                    c[i] = v;
                    System.arraycopy(b, i, c, i + 1, b.length - i);
                    return c;
                }
                default: {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, i);
                    System.arraycopy(b, i + 1, c, i, b.length - i - 1);
                    return c;
                }
            }
        });
    }
}
