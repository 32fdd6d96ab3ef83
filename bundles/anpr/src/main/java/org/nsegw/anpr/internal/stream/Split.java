package org.nsegw.anpr.internal.stream;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link MultipartSplitter} made of some bytes. Every byte fed belongs to exactly one split, in order, or is
 * still pending; {@link #rawLength()} says how many bytes a split covers.
 */
public sealed interface Split permits Split.Part, Split.Rejected, Split.Closed {

    /** The bytes this split covers, from the line breaks before its delimiter to the end of its body. */
    long rawLength();

    /**
     * One complete part.
     *
     * @param headers its headers, names in lower case ({@code content-type}, {@code content-length}...)
     * @param body    its body: {@code Content-Length} bytes, or up to the line break before the next delimiter
     */
    record Part(Map<String, String> headers, byte[] body, long rawLength) implements Split {
        public Part {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        /** The header's value, or empty. */
        public String header(String name) {
            return headers.getOrDefault(name, "");
        }

        /** The media type of its Content-Type, lower case, without parameters; empty if none. */
        public String mediaType() {
            return header("content-type").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        }

        /**
         * The file name the part gives itself: {@code filename}, else {@code name} of its Content-Disposition, else its
         * Content-ID without angle brackets; empty if none.
         */
        public String fileName() {
            String disposition = header("content-disposition");
            for (String parameter : List.of("filename", "name")) {
                Matcher m = Pattern.compile("(?i)(?:^|;)\\s*" + parameter + "\\s*=\\s*(\"([^\"]*)\"|([^;\\s]*))")
                        .matcher(disposition);
                if (m.find()) {
                    return m.group(2) != null ? m.group(2) : m.group(3);
                }
            }
            String id = header("content-id");
            return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Part p && headers.equals(p.headers) && Arrays.equals(body, p.body) && rawLength == p.rawLength;
        }

        @Override
        public int hashCode() {
            return Objects.hash(headers, rawLength) * 31 + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Part[" + headers + ", " + body.length + " bytes, raw " + rawLength + "]";
        }
    }

    /**
     * Bytes that made no part: the receiver counts them per reason.
     *
     * @param detail what exactly, for the log
     */
    record Rejected(Refusal reason, String detail, long rawLength) implements Split {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The close delimiter ({@code --boundary--}): the sender ended the stream. */
    record Closed(long rawLength) implements Split {
    }
}
