package org.nsegw.anpr.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultipartSplitterTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Split> split(byte[] stream, int maxPart) {
        return new MultipartSplitter("b", maxPart).feed(stream);
    }

    private static List<Split> byteByByte(byte[] stream, int maxPart) {
        MultipartSplitter s = new MultipartSplitter("b", maxPart);
        List<Split> out = new ArrayList<>();
        for (byte b : stream) {
            out.addAll(s.feed(new byte[] {b}));
        }
        return out;
    }

    private static String body(Split s) {
        return new String(((Split.Part) s).body(), StandardCharsets.UTF_8);
    }

    @Test
    void partsWithContentLength() {
        byte[] stream = new Multipart("b").part("text/plain", "Heartbeat").part("application/xml", "<a>\r\n--b</a>").bytes();
        List<Split> splits = split(stream, 1000);
        assertThat(splits).hasSize(2).allMatch(s -> s instanceof Split.Part);
        assertThat(body(splits.get(0))).isEqualTo("Heartbeat");
        assertThat(((Split.Part) splits.get(0)).mediaType()).isEqualTo("text/plain");
        assertThat(((Split.Part) splits.get(0)).header("content-length")).isEqualTo("9");
        // With Content-Length, a delimiter-like line inside the body is body.
        assertThat(body(splits.get(1))).isEqualTo("<a>\r\n--b</a>");
        assertThat(splits.get(0).rawLength()).isEqualTo("--b\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nHeartbeat".length());
    }

    @Test
    void partsWithoutContentLengthEndAtTheLineBreakBeforeTheDelimiter() {
        byte[] stream = ascii("--b\r\nContent-Type: text/plain\r\n\r\nline one\r\nline two\r\n--b\nContent-Type: text/plain\n\nlf only\n--b--\r\n");
        List<Split> splits = split(stream, 1000);
        assertThat(splits).hasSize(3);
        assertThat(body(splits.get(0))).isEqualTo("line one\r\nline two");
        assertThat(body(splits.get(1))).isEqualTo("lf only");
        assertThat(splits.get(2)).isInstanceOf(Split.Closed.class);
    }

    @Test
    void aDelimiterLikeTextInsideABodyIsNotADelimiter() {
        byte[] stream = ascii("--b\r\n\r\nx--b\r\n--bx\r\n--b-\r\nend\r\n--b\r\n\r\nnext\r\n--b--");
        List<Split> splits = split(stream, 1000);
        assertThat(splits).extracting(s -> s.getClass().getSimpleName()).containsExactly("Part", "Part", "Closed");
        assertThat(body(splits.get(0))).isEqualTo("x--b\r\n--bx\r\n--b-\r\nend");
        assertThat(((Split.Part) splits.get(0)).headers()).isEmpty();
        assertThat(body(splits.get(1))).isEqualTo("next");
    }

    @Test
    void emptyBodyAndTransportPadding() {
        byte[] stream = ascii("--b  \t\r\nContent-Type: text/plain\r\n\r\n--b\r\nContent-Length: 0\r\n\r\n\r\n--b--");
        List<Split> splits = split(stream, 1000);
        assertThat(splits).hasSize(3);
        assertThat(body(splits.get(0))).isEmpty();
        assertThat(body(splits.get(1))).isEmpty();
    }

    @Test
    void garbageBeforeADelimiterIsCountedExactly() {
        byte[] stream = new Multipart("b").raw("HTTP junk\r\n").part("text/plain", "ok").bytes();
        List<Split> splits = split(stream, 1000);
        assertThat(splits.get(0)).isEqualTo(new Split.Rejected(Refusal.GARBAGE, "11 bytes outside any part", 11));
        assertThat(body(splits.get(1))).isEqualTo("ok");
    }

    @Test
    void lineBreaksBetweenPartsBelongToTheNextPart() {
        byte[] stream = new Multipart("b").raw("\r\n\r\n").part("text/plain", "ok").bytes();
        List<Split> splits = split(stream, 1000);
        assertThat(splits).hasSize(1);
        assertThat(splits.get(0).rawLength()).isEqualTo(stream.length - 2);
    }

    @Test
    void longGarbageIsReportedInRuns() {
        byte[] junk = new byte[MultipartSplitter.GARBAGE_RUN * 2 + 100];
        Arrays.fill(junk, (byte) 'x');
        byte[] stream = new Multipart("b").raw(junk).part("text/plain", "ok").bytes();
        List<Split> splits = split(stream, 1000);
        assertThat(splits).extracting(Split::rawLength).containsExactly(4096L, 4096L, 100L, (long) stream.length - junk.length - 2);
        assertThat(byteByByte(stream, 1000)).isEqualTo(splits);
    }

    @Test
    void anOversizedPartWithContentLengthIsSkippedWithoutBeingHeld() {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 'z');
        byte[] stream = new Multipart("b").part("image/jpeg", big).part("text/plain", "after").bytes();
        MultipartSplitter s = new MultipartSplitter("b", 100);
        List<Split> splits = new ArrayList<>();
        int maxPending = 0;
        for (int i = 0; i < stream.length; i += 7) {
            splits.addAll(s.feed(stream, i, Math.min(7, stream.length - i)));
            maxPending = Math.max(maxPending, s.held());
        }
        assertThat(splits.get(0)).isInstanceOf(Split.Rejected.class);
        Split.Rejected r = (Split.Rejected) splits.get(0);
        assertThat(r.reason()).isEqualTo(Refusal.OVERSIZED);
        assertThat(r.detail()).isEqualTo("Content-Length 5000, more than the 100 bytes allowed; skipped");
        assertThat(body(splits.get(1))).isEqualTo("after");
        assertThat(maxPending).isLessThan(200);
    }

    @Test
    void anOversizedPartWithoutContentLengthIsSkippedToTheNextDelimiter() {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 'z');
        byte[] stream = new Multipart("b").partToDelimiter("image/jpeg", big).part("text/plain", "after").bytes();
        List<Split> all = split(stream, 100);
        assertThat(all.get(0)).isInstanceOf(Split.Rejected.class);
        assertThat(((Split.Rejected) all.get(0)).reason()).isEqualTo(Refusal.OVERSIZED);
        assertThat(all.get(0).rawLength()).isEqualTo("--b\r\nContent-Type: image/jpeg\r\n\r\n".length() + 5000);
        assertThat(body(all.get(1))).isEqualTo("after");
        assertThat(byteByByte(stream, 100)).isEqualTo(all);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no colon                | Content-Type text/plain               | header line without a name and a colon: 'Content-Type text/plain'
            bad Content-Length      | Content-Length: 12a                   | Content-Length '12a' is not a number
            two Content-Lengths     | Content-Length: 1\\r\\nContent-Length: 2 | two different Content-Length headers
            """)
    void badHeaders(String name, String header, String detail) {
        byte[] stream = ascii("--b\r\n" + header.replace("\\r\\n", "\r\n") + "\r\n\r\nx\r\n--b\r\nContent-Length: 2\r\n\r\nok\r\n");
        List<Split> splits = split(stream, 1000);
        assertThat(splits.get(0)).isInstanceOf(Split.Rejected.class);
        assertThat(((Split.Rejected) splits.get(0)).reason()).isEqualTo(Refusal.BAD_HEADERS);
        assertThat(((Split.Rejected) splits.get(0)).detail()).isEqualTo(detail);
        assertThat(splits.get(1)).isEqualTo(new Split.Rejected(Refusal.GARBAGE, "3 bytes outside any part", 3));
        assertThat(body(splits.get(2))).isEqualTo("ok");
    }

    @Test
    void headersThatNeverEndAreRefusedAtTheLimit() {
        StringBuilder h = new StringBuilder("--b\r\n");
        while (h.length() < MultipartSplitter.MAX_HEADER_BYTES + 100) {
            h.append("X-Filler: 0123456789\r\n");
        }
        List<Split> splits = split(ascii(h.toString()), 1000);
        assertThat(splits.get(0)).isEqualTo(new Split.Rejected(Refusal.BAD_HEADERS,
                "no blank line ends the part headers within 8192 bytes", 5 + MultipartSplitter.MAX_HEADER_BYTES));
    }

    @Test
    void continuationLinesAndHeaderCase() {
        byte[] stream = ascii("--b\r\nCONTENT-TYPE: image/jpeg\r\nContent-Disposition: attachment;\r\n filename=\"licensePlatePicture.jpg\"\r\n"
                + "Content-Length: 1\r\n\r\nx\r\n");
        Split.Part p = (Split.Part) split(stream, 1000).get(0);
        assertThat(p.mediaType()).isEqualTo("image/jpeg");
        assertThat(p.fileName()).isEqualTo("licensePlatePicture.jpg");
    }

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource(delimiter = '|', textBlock = """
            'form-data; name="anpr.xml"'                                             | anpr.xml
            'form-data; name="licensePlatePicture.jpg"; filename="plate.jpg"'        | plate.jpg
            'attachment; filename=detectionPicture.jpg'                              | detectionPicture.jpg
            """)
    void fileNames(String disposition, String name) {
        Split.Part p = new Split.Part(java.util.Map.of("content-disposition", disposition), new byte[0], 0);
        assertThat(p.fileName()).isEqualTo(name);
        assertThat(new Split.Part(java.util.Map.of("content-id", "<vehiclePicture.jpg>"), new byte[0], 0).fileName())
                .isEqualTo("vehiclePicture.jpg");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            multipart/mixed; boundary=boundary                    | boundary
            'multipart/x-mixed-replace; boundary="myboundary"'    | myboundary
            multipart/x-mixed-replace;boundary=--myboundary       | --myboundary
            multipart/form-data; boundary=----WebKitFormBoundaryX | ----WebKitFormBoundaryX
            'multipart/form-data; charset=UTF-8; BOUNDARY=abc123' | abc123
            """)
    void boundaryOfContentType(String contentType, String boundary) {
        assertThat(MultipartSplitter.boundaryOf(contentType)).contains(boundary);
    }

    @Test
    void aBoundaryDeclaredWithTheDelimitersDashesIsFoundInTheBody() {
        byte[] sloppy = "--myboundary\r\nContent-Type: text/plain\r\n\r\nHeartbeat\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(MultipartSplitter.boundaryIn("--myboundary", sloppy, sloppy.length)).isEqualTo("myboundary");
        byte[] proper = "------WebKit\r\nContent-Type: text/plain\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(MultipartSplitter.boundaryIn("----WebKit", proper, proper.length)).isEqualTo("----WebKit");
        assertThat(MultipartSplitter.boundaryIn("plain", proper, proper.length)).isEqualTo("plain");
    }

    @Test
    void noBoundary() {
        assertThat(MultipartSplitter.boundaryOf("multipart/mixed")).isEmpty();
        assertThat(MultipartSplitter.boundaryOf("multipart/mixed; boundary=\"\"")).isEmpty();
    }

    @Test
    void byteByByteGivesTheSameSplits() {
        byte[] stream = new Multipart("b").raw("junk").part("text/plain", "one").partToDelimiter("text/plain", ascii("two"))
                .raw("--b\r\nbroken header\r\n\r\n").part("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, 0x0D, 0x0A, (byte) 0xFF, (byte) 0xD9})
                .close().raw("trailing").bytes();
        List<Split> whole = split(stream, 1000);
        assertThat(byteByByte(stream, 1000)).isEqualTo(whole);
        assertThat(whole).extracting(s -> s.getClass().getSimpleName())
                .containsExactly("Rejected", "Part", "Part", "Rejected", "Part", "Closed");
    }

    @Test
    void largePartsInSmallChunksStayLinear() {
        byte[] big = new byte[8 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        for (int i = 0; i < big.length; i++) {
            if (big[i] == '\n') {
                big[i] = 'n';
            }
        }
        byte[] stream = new Multipart("b").part("image/jpeg", big).partToDelimiter("image/jpeg", big).close().bytes();
        MultipartSplitter s = new MultipartSplitter("b", big.length);
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < stream.length; i += 1024) {
            splits.addAll(s.feed(stream, i, Math.min(1024, stream.length - i)));
        }
        assertThat(splits).hasSize(3);
        assertThat(((Split.Part) splits.get(0)).body()).isEqualTo(big);
        assertThat(((Split.Part) splits.get(1)).body()).isEqualTo(big);
        assertThat(s.held()).isLessThan(16);
    }
}
