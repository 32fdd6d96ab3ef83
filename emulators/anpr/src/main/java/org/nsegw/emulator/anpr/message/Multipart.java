package org.nsegw.emulator.anpr.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * MIME multipart bodies (RFC 2046) as cameras write them: each part is {@code --boundary CRLF}, its header lines each
 * ended by CRLF, an empty line, the body and a CRLF; a finished body ends with {@code --boundary-- CRLF}. Streams
 * (alertStream, snapManager) never finish.
 */
public final class Multipart {

    /** One part: its header lines (without line ends) and its body. */
    public record Part(List<String> headers, byte[] body) {
        public Part {
            headers = List.copyOf(headers);
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** The value of a header, case-insensitive name, or null. */
        public String header(String name) {
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return h.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private Multipart() {
    }

    /** A part of a form: Content-Disposition with name and file name, Content-Type and Content-Length. */
    public static Part formPart(String name, String contentType, byte[] body) {
        return new Part(List.of("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name + "\"",
                "Content-Type: " + contentType, "Content-Length: " + body.length), body);
    }

    /** A part with only its type and length, as event streams send text and heartbeats. */
    public static Part plainPart(String contentType, byte[] body) {
        return new Part(List.of("Content-Type: " + contentType, "Content-Length: " + body.length), body);
    }

    /** One part as it goes on the wire, delimiter first. */
    public static byte[] encode(String boundary, Part part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(part.body.length + 256);
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
        for (String h : part.headers()) {
            head.append(h).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(part.body);
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    /** A finished body: every part, then the closing delimiter. */
    public static byte[] encode(String boundary, List<Part> parts) {
        Objects.requireNonNull(boundary, "boundary");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            out.writeBytes(encode(boundary, p));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Whether a boundary is safe for these parts: it must not occur in any body. */
    public static boolean fits(String boundary, List<Part> parts) {
        byte[] b = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        return parts.stream().noneMatch(p -> indexOf(p.body, b) >= 0);
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
