package org.nsegw.anpr.internal.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds multipart byte streams for tests, the way cameras write them. */
public final class Multipart {

    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Multipart(String boundary) {
        this.boundary = boundary;
    }

    /** A part with Content-Length, CRLF line breaks, and a CRLF after the body. */
    public Multipart part(String contentType, byte[] body, String... extraHeaders) {
        List<String> headers = new ArrayList<>();
        headers.add("Content-Type: " + contentType);
        headers.addAll(List.of(extraHeaders));
        headers.add("Content-Length: " + body.length);
        return raw(delimiterLine() + String.join("\r\n", headers) + "\r\n\r\n").raw(body).raw("\r\n");
    }

    /** A part without Content-Length: its body ends at the line break before the next delimiter. */
    public Multipart partToDelimiter(String contentType, byte[] body) {
        return raw(delimiterLine() + "Content-Type: " + contentType + "\r\n\r\n").raw(body).raw("\r\n");
    }

    public Multipart part(String contentType, String body, String... extraHeaders) {
        return part(contentType, body.getBytes(StandardCharsets.UTF_8), extraHeaders);
    }

    public Multipart close() {
        return raw("--" + boundary + "--\r\n");
    }

    public Multipart raw(String s) {
        return raw(s.getBytes(StandardCharsets.UTF_8));
    }

    public Multipart raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public String delimiterLine() {
        return "--" + boundary + "\r\n";
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
