package org.nsegw.weigh.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * What every codec must do, whatever bytes come: never throw, account for every byte, decide the same whatever the
 * chunks, and find every frame again after garbage. Each codec's test class extends this with its frames.
 */
abstract class CodecLaws<T> {

    abstract Codec<T> codec();

    /** Valid frames with the value each decodes to. */
    abstract Arbitrary<Sample<T>> samples();

    /** Garbage that holds no frame start. */
    abstract Arbitrary<byte[]> garbage();

    /** A stream and the frames hidden in it between garbage. */
    record Hidden<T>(byte[] stream, List<T> values) {
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    @Provide
    Arbitrary<List<Integer>> chunks() {
        return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(20);
    }

    /** Valid, cut, corrupted frames and random bytes, in any order. */
    @Provide
    Arbitrary<byte[]> mixedStreams() {
        Arbitrary<byte[]> frame = samples().map(Sample::bytes);
        Arbitrary<byte[]> cut = samples().flatMap(s -> Arbitraries.integers().between(0, s.bytes().length - 1)
                .map(n -> Arrays.copyOf(s.bytes(), n)));
        Arbitrary<byte[]> corrupted = samples().flatMap(s -> Combinators.combine(
                Arbitraries.integers().between(0, s.bytes().length - 1), Arbitraries.integers().between(1, 255))
                .as((i, x) -> {
                    byte[] b = s.bytes().clone();
                    b[i] ^= x;
                    return b;
                }));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(30);
        return Arbitraries.frequencyOf(
                        Tuple.of(4, frame), Tuple.of(2, cut),
                        Tuple.of(2, corrupted), Tuple.of(1, random), Tuple.of(1, garbage()))
                .list().ofMaxSize(12).map(CodecLaws::concat);
    }

    @Provide
    Arbitrary<Hidden<T>> hidden() {
        return samples().list().ofMinSize(1).ofMaxSize(8).flatMap(frames -> garbage().list().ofSize(frames.size() + 1)
                .map(garbage -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    List<T> values = new ArrayList<>();
                    for (int i = 0; i < frames.size(); i++) {
                        out.writeBytes(garbage.get(i));
                        out.writeBytes(frames.get(i).bytes());
                        values.add(frames.get(i).value());
                    }
                    out.writeBytes(garbage.get(frames.size()));
                    return new Hidden<>(out.toByteArray(), values);
                }));
    }

    @Property(tries = 300)
    void randomBytesInRandomChunksNeverThrow(@ForAll("randomBytes") byte[] bytes, @ForAll("chunks") List<Integer> chunks) {
        Codec<T> codec = codec();
        assertThatCode(() -> {
            Outcomes.feedChunked(codec, bytes, chunks);
            codec.timeout();
        }).doesNotThrowAnyException();
        assertThat(codec.pending()).isZero();
    }

    @Property(tries = 300)
    void everyByteEndsUpInOneOutcomeInOrderOrIsPending(@ForAll("mixedStreams") byte[] stream,
            @ForAll("chunks") List<Integer> chunks) {
        Codec<T> codec = codec();
        List<Decoded<T>> out = Outcomes.feedChunked(codec, stream, chunks);
        byte[] covered = Outcomes.raw(out);
        assertThat(covered.length + codec.pending()).isEqualTo(stream.length);
        assertThat(Arrays.copyOf(stream, covered.length)).isEqualTo(covered);
        out.addAll(codec.timeout());
        assertThat(Outcomes.raw(out)).isEqualTo(stream);
        assertThat(codec.pending()).isZero();
    }

    @Property(tries = 300)
    void chunkingChangesNothing(@ForAll("mixedStreams") byte[] stream, @ForAll("chunks") List<Integer> chunks) {
        Codec<T> atOnce = codec();
        List<Decoded<T>> expected = new ArrayList<>(atOnce.feed(stream));
        int pending = atOnce.pending();
        expected.addAll(atOnce.timeout());
        Codec<T> chunked = codec();
        List<Decoded<T>> actual = Outcomes.feedChunked(chunked, stream, chunks);
        assertThat(chunked.pending()).isEqualTo(pending);
        actual.addAll(chunked.timeout());
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 300)
    void everyFrameIsFoundAgainAfterGarbage(@ForAll("hidden") Hidden<T> hidden, @ForAll("chunks") List<Integer> chunks) {
        Codec<T> codec = codec();
        List<Decoded<T>> out = Outcomes.feedChunked(codec, hidden.stream(), chunks);
        out.addAll(codec.timeout());
        List<T> values = new ArrayList<>();
        for (Decoded<T> d : out) {
            if (d instanceof Decoded.Value<T> v) {
                values.add(v.value());
            } else {
                assertThat(((Decoded.Rejected<T>) d).reason()).as("%s", d).isEqualTo(Rejection.NOISE);
            }
        }
        assertThat(values).isEqualTo(hidden.values());
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** For formats with a checksum or CRC: one changed byte never makes a different value. */
    abstract static class Checked<T> extends CodecLaws<T> {

        record Mutation<T>(Sample<T> sample, int index, int xor) {
            byte[] bytes() {
                byte[] b = sample.bytes().clone();
                b[index] ^= xor;
                return b;
            }
        }

        @Provide
        Arbitrary<Mutation<T>> mutations() {
            return samples().flatMap(s -> Combinators.combine(Arbitraries.integers().between(0, s.bytes().length - 1),
                    Arbitraries.integers().between(1, 255)).as((i, x) -> new Mutation<>(s, i, x)));
        }

        @Property(tries = 1000)
        void oneChangedByteNeverMakesAnotherValue(@ForAll("mutations") Mutation<T> m) {
            Codec<T> codec = codec();
            List<Decoded<T>> out = new ArrayList<>(codec.feed(m.bytes()));
            out.addAll(codec.timeout());
            for (Decoded<T> d : out) {
                if (d instanceof Decoded.Value<T> v) {
                    assertThat(v.value()).as("byte %d ^ 0x%02X", m.index(), m.xor()).isEqualTo(m.sample().value());
                }
            }
        }
    }
}
