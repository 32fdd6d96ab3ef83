package org.nsegw.emulator.anpr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A test's own multipart parser: whole bodies split on the delimiter, streams read part by part by Content-Length. */
public final class MultipartReader {

    /** A parsed part: header names lower case. */
    public record Part(Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private MultipartReader() {
    }

    /** The boundary parameter of a Content-Type. */
    public static String boundary(String contentType) {
        for (String p : contentType.split(";")) {
            String t = p.strip();
            if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = t.substring(9);
                return b.startsWith("\"") ? b.substring(1, b.length() - 1) : b;
            }
        }
        throw new AssertionError("no boundary in " + contentType);
    }

    /** Splits a finished body; fails unless it ends with the closing delimiter. */
    public static List<Part> parse(byte[] body, String boundary) {
        byte[] first = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        if (!Arrays.equals(Arrays.copyOf(body, first.length), first)) {
            throw new AssertionError("the body does not start with the delimiter");
        }
        List<Part> parts = new ArrayList<>();
        int pos = first.length;
        while (true) {
            int end = indexOf(body, delimiter, pos);
            if (end < 0) {
                throw new AssertionError("a part without a closing delimiter");
            }
            parts.add(part(Arrays.copyOfRange(body, pos, end)));
            int after = end + delimiter.length;
            if (body.length >= after + 4 && body[after] == '-' && body[after + 1] == '-') {
                if (body[after + 2] != '\r' || body[after + 3] != '\n' || body.length != after + 4) {
                    throw new AssertionError("bytes after the closing delimiter");
                }
                return parts;
            }
            if (body[after] != '\r' || body[after + 1] != '\n') {
                throw new AssertionError("a delimiter not followed by CRLF");
            }
            pos = after + 2;
        }
    }

    private static Part part(byte[] raw) {
        byte[] blank = {'\r', '\n', '\r', '\n'};
        int split = indexOf(raw, blank, 0);
        if (split < 0) {
            throw new AssertionError("a part without a blank line after its headers");
        }
        Map<String, String> headers = headers(new String(raw, 0, split, StandardCharsets.UTF_8));
        return new Part(headers, Arrays.copyOfRange(raw, split + 4, raw.length));
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Reads the parts of an endless stream one at a time: delimiter line, headers, Content-Length bytes, CRLF. */
    public static final class Stream {
        private final InputStream in;
        private final String delimiter;

        public Stream(InputStream in, String boundary) {
            this.in = in;
            this.delimiter = "--" + boundary;
        }

        public Part next() throws IOException {
            String line = line();
            while (line.isEmpty()) {
                line = line();
            }
            if (!line.equals(delimiter)) {
                throw new AssertionError("expected " + delimiter + ", got " + line);
            }
            StringBuilder block = new StringBuilder();
            for (String h = line(); !h.isEmpty(); h = line()) {
                block.append(block.length() == 0 ? "" : "\r\n").append(h);
            }
            Map<String, String> headers = headers(block.toString());
            int length = Integer.parseInt(headers.get("content-length"));
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new IOException("the stream ended inside a part");
            }
            String end = line();
            if (!end.isEmpty()) {
                throw new AssertionError("a part not followed by CRLF: " + end);
            }
            return new Part(headers, body);
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    byte[] bytes = b.toByteArray();
                    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, n, StandardCharsets.UTF_8);
                }
                b.write(c);
            }
            throw new IOException("the stream ended");
        }
    }
}
