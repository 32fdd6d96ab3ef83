package org.nsegw.anpr.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The laws of the splitter: bytes conserved, memory bounded, chunking irrelevant, well-formed parts read back. */
class MultipartSplitterPropertiesTest {

    private static final String BOUNDARY = "frontier";
    private static final int MAX_PART = 300;

    /** One piece of a generated stream: its bytes, and the part a splitter must read from it, if any. */
    record Piece(byte[] bytes, Split.Part expected) {
    }

    @Property(tries = 400)
    void everyByteIsInOneSplitOrPendingAndMemoryStaysBounded(@ForAll("streams") List<Piece> pieces,
            @ForAll("chunkSizes") List<Integer> chunks) {
        byte[] stream = join(pieces);
        MultipartSplitter s = new MultipartSplitter(BOUNDARY, MAX_PART);
        long fed = 0;
        long covered = 0;
        int at = 0;
        int c = 0;
        while (at < stream.length) {
            int n = Math.min(chunks.get(c++ % chunks.size()), stream.length - at);
            for (Split split : s.feed(stream, at, n)) {
                assertThat(split.rawLength()).isPositive();
                covered += split.rawLength();
            }
            at += n;
            fed += n;
            assertThat(s.held()).isLessThanOrEqualTo(s.capacity());
            assertThat(covered + s.pending()).isEqualTo(fed);
        }
    }

    @Property(tries = 400)
    void chunkingChangesNothing(@ForAll("streams") List<Piece> pieces, @ForAll("chunkSizes") List<Integer> chunks) {
        byte[] stream = join(pieces);
        List<Split> whole = new MultipartSplitter(BOUNDARY, MAX_PART).feed(stream);
        MultipartSplitter s = new MultipartSplitter(BOUNDARY, MAX_PART);
        List<Split> chunked = new ArrayList<>();
        int at = 0;
        int c = 0;
        while (at < stream.length) {
            int n = Math.min(chunks.get(c++ % chunks.size()), stream.length - at);
            chunked.addAll(s.feed(stream, at, n));
            at += n;
        }
        assertThat(chunked).isEqualTo(whole);
    }

    @Property(tries = 400)
    void wellFormedPartsAreReadBackExactly(@ForAll("wellFormed") List<Piece> pieces) {
        // The close delimiter ends the last body when it has no Content-Length.
        byte[] stream = concat(join(pieces), bytes("--" + BOUNDARY + "--"));
        List<Split> splits = new MultipartSplitter(BOUNDARY, MAX_PART).feed(stream);
        List<Split.Part> expected = pieces.stream().map(Piece::expected).toList();
        assertThat(splits).hasSize(expected.size() + 1).last().isInstanceOf(Split.Closed.class);
        for (int i = 0; i < expected.size(); i++) {
            Split.Part got = (Split.Part) splits.get(i);
            assertThat(got.headers()).isEqualTo(expected.get(i).headers());
            assertThat(got.body()).isEqualTo(expected.get(i).body());
        }
    }

    @Property(tries = 300)
    void randomBytesAreSafe(@ForAll("noise") byte[] stream, @ForAll("chunkSizes") List<Integer> chunks) {
        MultipartSplitter s = new MultipartSplitter(BOUNDARY, MAX_PART);
        long covered = 0;
        int at = 0;
        int c = 0;
        while (at < stream.length) {
            int n = Math.min(chunks.get(c++ % chunks.size()), stream.length - at);
            for (Split split : s.feed(stream, at, n)) {
                covered += split.rawLength();
            }
            at += n;
            assertThat(s.held()).isLessThanOrEqualTo(s.capacity());
        }
        assertThat(covered + s.pending()).isEqualTo(stream.length);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 64),
                Arbitraries.integers().between(1, 5000)).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Piece>> wellFormed() {
        return Arbitraries.oneOf(withLength(), toDelimiter(safeBodies())).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Piece>> streams() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, withLength()),
                        net.jqwik.api.Tuple.of(3, toDelimiter(anyBodies())),
                        net.jqwik.api.Tuple.of(2, garbage()),
                        net.jqwik.api.Tuple.of(1, badHeaders()),
                        net.jqwik.api.Tuple.of(1, oversized()),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Piece(bytes("--" + BOUNDARY + "--\r\n"), null))),
                        net.jqwik.api.Tuple.of(1, cutPart()))
                .list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<byte[]> nearDelimiters = Arbitraries.of("--", "--frontier", "--frontier--", "\r\n", "\n", "\r",
                        "Content-Length: 5", "Content-Length: 99999", ":", " ", "x", "\r\n\r\n", "--frontie")
                .list().ofMaxSize(200).map(l -> bytes(String.join("", l)));
        return Arbitraries.oneOf(anyBytes, nearDelimiters);
    }

    private Arbitrary<Piece> withLength() {
        return Combinators.combine(Arbitraries.of("text/plain", "application/xml", "image/jpeg"), anyBodies(), preambles())
                .as((type, body, pre) -> {
                    String head = "--" + BOUNDARY + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length + "\r\n\r\n";
                    // Line breaks after a body with a length are the next part's: they cannot be told from a body without one.
                    return new Piece(concat(bytes(head), body, bytes("\r\n" + pre)),
                            new Split.Part(java.util.Map.of("content-type", type, "content-length", Integer.toString(body.length)), body, 0));
                });
    }

    private Arbitrary<Piece> toDelimiter(Arbitrary<byte[]> bodies) {
        return Combinators.combine(bodies, Arbitraries.of("\r\n", "\n")).as((body, nl) -> {
            String head = "--" + BOUNDARY + nl + "Content-Type: text/plain" + nl + nl;
            // The body ends at the line break before the next delimiter, which the next piece (or the end) supplies.
            return new Piece(concat(bytes(head), body, bytes(nl)),
                    new Split.Part(java.util.Map.of("content-type", "text/plain"), body, 0));
        });
    }

    private Arbitrary<Piece> garbage() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                Arbitraries.just(bytes("x".repeat(9000)))).map(b -> new Piece(b, null));
    }

    private Arbitrary<Piece> badHeaders() {
        return Arbitraries.of("no colon here", "Content-Length: abc", "X-Long: " + "y".repeat(9000))
                .map(h -> new Piece(bytes("--" + BOUNDARY + "\r\n" + h + "\r\n\r\nbody\r\n"), null));
    }

    private Arbitrary<Piece> oversized() {
        return Arbitraries.of(true, false).map(withLength -> {
            byte[] body = bytes("o".repeat(MAX_PART * 3));
            String head = "--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\n" + (withLength ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
            return new Piece(concat(bytes(head), body, bytes("\r\n")), null);
        });
    }

    private Arbitrary<Piece> cutPart() {
        return withLength().flatMap(p -> Arbitraries.integers().between(0, p.bytes().length)
                .map(n -> new Piece(java.util.Arrays.copyOf(p.bytes(), n), null)));
    }

    private Arbitrary<byte[]> anyBodies() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_PART),
                Arbitraries.of("Heartbeat", "--frontier", "\r\n--frontier\r\n", "<a/>", "").map(MultipartSplitterPropertiesTest::bytes));
    }

    /** Bodies that cannot end early: no line break at all, so no delimiter line inside them. */
    private Arbitrary<byte[]> safeBodies() {
        return Arbitraries.bytes().filter(b -> b != '\n' && b != '\r').array(byte[].class).ofMaxSize(MAX_PART)
                .filter(b -> b.length == 0 || b[0] != '-');
    }

    private Arbitrary<String> preambles() {
        return Arbitraries.of("", "", "\r\n", "\n", "\r\n\r\n");
    }

    private static byte[] join(List<Piece> pieces) {
        List<byte[]> all = pieces.stream().map(Piece::bytes).toList();
        return concat(all.toArray(byte[][]::new));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
