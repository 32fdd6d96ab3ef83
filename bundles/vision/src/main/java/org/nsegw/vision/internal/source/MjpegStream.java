package org.nsegw.vision.internal.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nsegw.anpr.internal.stream.MultipartSplitter;
import org.nsegw.anpr.internal.stream.Split;

/**
 * Reads an HTTP MJPEG stream ({@code multipart/x-mixed-replace}): each part one JPEG, with or without
 * {@code Content-Length}. The splitting (delimiters, bare LF, garbage between parts, headers, oversized parts skipped
 * without being held) is the ANPR bundle's {@link MultipartSplitter}; this class says what the parts mean for a
 * camera: a frame, or a counted refusal.
 *
 * <p>Pure: no sockets, threads or clocks. Memory is bounded by the splitter's capacity whatever is fed. Not
 * thread-safe: one per connection.
 */
public final class MjpegStream {

    /** What some bytes of the stream gave. */
    public sealed interface Item permits JpegPart, Refused, Ended {
    }

    /** A complete JPEG. */
    public record JpegPart(byte[] bytes) implements Item {
    }

    /** Bytes that gave no frame, and why. */
    public record Refused(SourceProblem problem, String detail) implements Item {
    }

    /** The camera closed the stream with the close delimiter. */
    public record Ended() implements Item {
    }

    private final MultipartSplitter splitter;

    /**
     * @param boundary      the boundary the stream uses (see {@link #boundary})
     * @param maxFrameBytes the largest JPEG kept; larger parts are skipped and refused as oversized
     */
    public MjpegStream(String boundary, int maxFrameBytes) {
        this.splitter = new MultipartSplitter(boundary, maxFrameBytes);
    }

    /**
     * The boundary of a stream from its Content-Type and its first bytes, or empty when the Content-Type is not
     * multipart with a boundary.
     */
    public static Optional<String> boundary(String contentType, byte[] first, int length) {
        return MultipartSplitter.boundaryOf(contentType == null ? "" : contentType)
                .map(declared -> MultipartSplitter.boundaryIn(declared, first, length));
    }

    /** The most bytes held in memory, whatever is fed. */
    public int capacity() {
        return splitter.capacity();
    }

    public List<Item> feed(byte[] bytes, int offset, int count) {
        List<Item> out = new ArrayList<>();
        for (Split s : splitter.feed(bytes, offset, count)) {
            if (s instanceof Split.Part p) {
                out.add(part(p));
            } else if (s instanceof Split.Rejected r) {
                out.add(new Refused(switch (r.reason()) {
                    case OVERSIZED -> SourceProblem.OVERSIZED;
                    default -> SourceProblem.GARBAGE;
                }, r.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.detail()));
            } else {
                out.add(new Ended());
            }
        }
        return out;
    }

    private static Item part(Split.Part p) {
        String type = p.mediaType();
        if (!type.isEmpty() && !type.equals("image/jpeg") && !type.equals("image/jpg")) {
            return new Refused(SourceProblem.NOT_JPEG, "a part of type " + type + " (" + p.body().length + " bytes), not image/jpeg");
        }
        Optional<String> problem = Jpeg.problem(p.body());
        return problem.<Item>map(d -> new Refused(SourceProblem.NOT_JPEG, d)).orElseGet(() -> new JpegPart(p.body()));
    }
}
