package org.nsegw.vision.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MJPEG reader on byte fixtures: what a camera's stream gives, however it is chunked. */
class MjpegStreamTest {

    static final String BOUNDARY = "myboundary";

    /** A minimal JPEG-shaped body: SOI, some bytes, EOI (the reader checks the markers, OpenCV decodes later). */
    static byte[] jpeg(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xd8;
        b[size - 2] = (byte) 0xff;
        b[size - 1] = (byte) 0xd9;
        return b;
    }

    static byte[] part(byte[] body, boolean withLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\n" + (withLength ? "Content-Length: " + body.length + "\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static List<MjpegStream.Item> feed(MjpegStream s, byte[] bytes, int chunk) {
        List<MjpegStream.Item> items = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            items.addAll(s.feed(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        return items;
    }

    static List<byte[]> frames(List<MjpegStream.Item> items) {
        return items.stream().filter(MjpegStream.JpegPart.class::isInstance).map(i -> ((MjpegStream.JpegPart) i).bytes()).toList();
    }

    static List<SourceProblem> refusals(List<MjpegStream.Item> items) {
        return items.stream().filter(MjpegStream.Refused.class::isInstance).map(i -> ((MjpegStream.Refused) i).problem()).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100, 65536})
    void framesWithAndWithoutContentLengthComeOutWholeHoweverChunked(int chunk) {
        byte[] a = jpeg(3000, 1);
        byte[] b = jpeg(5000, 2);
        byte[] c = jpeg(200, 3);
        byte[] stream = concat(part(a, true), part(b, false), part(c, true));
        List<MjpegStream.Item> items = feed(new MjpegStream(BOUNDARY, 100_000), stream, chunk);
        // the last part without a following delimiter is complete by its length; b ends at c's delimiter
        assertThat(frames(items)).containsExactly(a, b, c);
        assertThat(refusals(items)).isEmpty();
    }

    @Test
    void aPartWithoutLengthEndsOnlyAtTheNextDelimiter() {
        MjpegStream s = new MjpegStream(BOUNDARY, 100_000);
        byte[] a = jpeg(1000, 4);
        assertThat(frames(s.feed(part(a, false), 0, part(a, false).length))).as("not yet: it may go on").isEmpty();
        byte[] next = ("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(frames(s.feed(next, 0, next.length))).containsExactly(a);
    }

    @Test
    void garbageBetweenPartsIsRefusedAndTheNextFrameStillComes() {
        byte[] a = jpeg(1000, 5);
        byte[] b = jpeg(1200, 6);
        byte[] garbage = "HTTP/1.1 200 OK junk that a broken camera firmware writes between parts\r\n".getBytes(StandardCharsets.US_ASCII);
        List<MjpegStream.Item> items = feed(new MjpegStream(BOUNDARY, 100_000), concat(part(a, true), garbage, part(b, true)), 13);
        assertThat(frames(items)).containsExactly(a, b);
        assertThat(refusals(items)).containsOnly(SourceProblem.GARBAGE).isNotEmpty();
    }

    @Test
    void anOversizedPartIsSkippedWithoutBeingHeld() {
        MjpegStream s = new MjpegStream(BOUNDARY, 10_000);
        byte[] huge = jpeg(2_000_000, 7);
        byte[] small = jpeg(500, 8);
        List<MjpegStream.Item> items = new ArrayList<>();
        byte[] stream = concat(part(huge, false), part(small, true), part(jpeg(2_000_000, 9), true), part(small, true));
        for (int i = 0; i < stream.length; i += 4096) {
            items.addAll(s.feed(stream, i, Math.min(4096, stream.length - i)));
        }
        assertThat(s.capacity()).isLessThan(64 * 1024);
        assertThat(refusals(items)).containsExactly(SourceProblem.OVERSIZED, SourceProblem.OVERSIZED);
        assertThat(frames(items)).containsExactly(small, small);
    }

    @Test
    void partsThatAreNotJpegsAreRefused() {
        byte[] text = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] typed = ("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] truncated = java.util.Arrays.copyOf(jpeg(1000, 10), 600);
        List<MjpegStream.Item> items = feed(new MjpegStream(BOUNDARY, 100_000),
                concat(typed, part(text, true), part(truncated, true), part(jpeg(100, 11), true)), 50);
        assertThat(refusals(items)).containsExactly(SourceProblem.NOT_JPEG, SourceProblem.NOT_JPEG, SourceProblem.NOT_JPEG);
        assertThat(((MjpegStream.Refused) items.get(0)).detail()).contains("text/plain");
        assertThat(((MjpegStream.Refused) items.get(2)).detail()).contains("truncated");
        assertThat(frames(items)).hasSize(1);
    }

    @Test
    void bareLineFeedsAndTheCloseDelimiterAreUnderstood() {
        byte[] a = jpeg(300, 12);
        byte[] stream = concat(("--" + BOUNDARY + "\nContent-Type: image/jpeg\n\n").getBytes(StandardCharsets.US_ASCII), a,
                ("\n--" + BOUNDARY + "--\n").getBytes(StandardCharsets.US_ASCII));
        List<MjpegStream.Item> items = feed(new MjpegStream(BOUNDARY, 100_000), stream, 3);
        assertThat(frames(items)).containsExactly(a);
        assertThat(items).last().isInstanceOf(MjpegStream.Ended.class);
    }

    @Test
    void theBoundaryComesFromTheContentTypeEvenWhenTheCameraDeclaresItsDashes() {
        byte[] head = "--myboundary\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(MjpegStream.boundary("multipart/x-mixed-replace; boundary=myboundary", head, head.length)).contains("myboundary");
        assertThat(MjpegStream.boundary("multipart/x-mixed-replace;boundary=--myboundary", head, head.length)).contains("myboundary");
        assertThat(MjpegStream.boundary("image/jpeg", head, head.length)).isEmpty();
        assertThat(MjpegStream.boundary(null, head, head.length)).isEmpty();
    }

    @Test
    void jpegMarkersAreChecked() {
        assertThat(Jpeg.problem(jpeg(100, 1))).isEmpty();
        byte[] padded = concat(jpeg(100, 1), "\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(Jpeg.problem(padded)).as("line break after EOI").isEmpty();
        assertThat(Jpeg.problem(new byte[] {1, 2})).get().asString().contains("not a JPEG");
        assertThat(Jpeg.problem("GIF89a....".getBytes(StandardCharsets.US_ASCII))).get().asString().contains("starts with 47 49");
        assertThat(Jpeg.problem(java.util.Arrays.copyOf(jpeg(100, 1), 90))).get().asString().contains("truncated");
    }
}
