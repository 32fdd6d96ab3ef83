package org.nsegw.anpr.internal.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nsegw.anpr.internal.event.CameraText;

/**
 * Splits a multipart byte stream (RFC 2046: {@code multipart/mixed}, {@code multipart/x-mixed-replace},
 * {@code multipart/form-data}) into parts, incrementally: feed the bytes as they arrive, get the parts they
 * complete.
 *
 * <p>A part is a delimiter line ({@code --boundary}, optional spaces, a line break), header lines, a blank line and
 * a body: {@code Content-Length} bytes if the part says so, else everything up to the line break before the next
 * delimiter. Line breaks may be CRLF or a bare LF. Line breaks between parts are part of the next split; anything else
 * outside a part is {@link Refusal#GARBAGE}.
 *
 * <p>Memory is bounded: at most {@link #capacity()} bytes are ever held, whatever is fed. Garbage is reported in runs
 * of at most {@value #GARBAGE_RUN} bytes; headers must end within {@value #MAX_HEADER_BYTES} bytes; a body longer
 * than the part limit is skipped, counting but not keeping its bytes, and reported {@link Refusal#OVERSIZED} when its
 * end is found.
 *
 * <p>Every decision depends only on the bytes, never on how they were chunked: a stream fed in any pieces gives the
 * same splits. Every byte fed ends up in exactly one split, in order, or is {@link #pending()}.
 *
 * <p>Pure: no sockets, threads, clocks or logging. Not thread-safe: one splitter per stream.
 */
public final class MultipartSplitter {

    /** The longest run of garbage reported at once. */
    public static final int GARBAGE_RUN = 4096;

    /** Headers of one part must end (with their blank line) within this many bytes. */
    public static final int MAX_HEADER_BYTES = 8192;

    /** Spaces or tabs allowed after a delimiter, before its line break (RFC 2046 transport padding). */
    private static final int MAX_PADDING = 16;

    private static final int SEEK = 0;
    private static final int HEADERS = 1;
    private static final int BODY_LENGTH = 2;
    private static final int BODY_SCAN = 3;
    private static final int SKIP_LENGTH = 4;
    private static final int SKIP_SCAN = 5;

    private final byte[] delimiter;
    private final int maxPartBytes;
    private final int capacity;

    private byte[] buffer = new byte[256];
    private int start;
    private int end;

    private int state = SEEK;
    /** Where to resume looking for a delimiter, relative to {@link #start}. */
    private int scanFrom;
    /** Where the headers or the body of the current part begin, relative to {@link #start}. */
    private int mark;
    private Map<String, String> headers = Map.of();
    private long bodyLength;
    /** Bytes of the current oversized part already consumed, and still to skip when its length is known. */
    private long skipped;
    private long toSkip;

    /**
     * @param boundary     the boundary of the stream's Content-Type, without the leading {@code --}
     * @param maxPartBytes the largest body kept; larger parts are skipped
     */
    public MultipartSplitter(String boundary, int maxPartBytes) {
        Objects.requireNonNull(boundary, "boundary");
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("a boundary has 1 to 70 characters (RFC 2046), not " + boundary.length());
        }
        if (maxPartBytes < 0) {
            throw new IllegalArgumentException("maxPartBytes " + maxPartBytes);
        }
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.UTF_8);
        this.maxPartBytes = maxPartBytes;
        int line = delimiter.length + MAX_PADDING + 2;
        // Preamble and delimiter line, headers, body, and the line of the next delimiter that ends the body.
        this.capacity = GARBAGE_RUN + line + MAX_HEADER_BYTES + maxPartBytes + 2 + line;
    }

    /**
     * The boundary of a multipart Content-Type header value ({@code multipart/mixed; boundary="abc"}), exactly as
     * declared, if it has one. A boundary may itself begin with dashes ({@code ----WebKitFormBoundary...}); see
     * {@link #boundaryIn} for cameras that declare the dashes of the delimiter as part of it.
     */
    public static Optional<String> boundaryOf(String contentType) {
        Matcher m = Pattern.compile("(?i)boundary\\s*=\\s*(\"([^\"]*)\"|([^;\\s]+))").matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        String b = m.group(2) != null ? m.group(2) : m.group(3);
        return b.isEmpty() || b.length() > 70 ? Optional.empty() : Optional.of(b);
    }

    /**
     * The boundary the body really uses: the declared one, unless the declared one begins with {@code --} and the
     * start of the body has no delimiter for it but one for the boundary without those dashes (some cameras announce
     * the boundary with the dashes of its delimiter).
     *
     * @param start the first bytes of the body (the first delimiter is usually within the first hundred)
     */
    public static String boundaryIn(String declared, byte[] start, int length) {
        if (!declared.startsWith("--") || declared.length() <= 2) {
            return declared;
        }
        String head = new String(start, 0, Math.min(length, start.length), StandardCharsets.ISO_8859_1);
        if (head.contains("--" + declared)) {
            return declared;
        }
        return head.contains(declared) ? declared.substring(2) : declared;
    }

    /** The most bytes this splitter ever holds in memory. */
    public int capacity() {
        return capacity;
    }

    /** The bytes held in memory now: the part or garbage run not yet complete. */
    public int held() {
        return end - start;
    }

    /**
     * The bytes fed that are in no split yet: those {@link #held()}, and those of an oversized part already skipped
     * while its end has not come.
     */
    public long pending() {
        return held() + (state == SKIP_LENGTH || state == SKIP_SCAN ? skipped : 0);
    }

    public List<Split> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** Takes the next bytes of the stream and returns the splits they complete, in order. */
    public List<Split> feed(byte[] bytes, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        List<Split> out = new ArrayList<>();
        int off = offset;
        int left = count;
        while (left > 0) {
            if (state == SKIP_LENGTH && end == start) {
                // Skipped bytes are counted, never copied.
                int n = (int) Math.min(left, toSkip);
                skipped += n;
                toSkip -= n;
                off += n;
                left -= n;
                step(out);
                continue;
            }
            int n = Math.min(left, capacity - held());
            if (n == 0) {
                throw new IllegalStateException("the splitter is full in state " + state + ": a bug");
            }
            append(bytes, off, n);
            off += n;
            left -= n;
            step(out);
        }
        return out;
    }

    /** Makes splits of the buffered bytes until more bytes are needed. */
    private void step(List<Split> out) {
        while (true) {
            Split s = switch (state) {
                case SEEK -> seek();
                case HEADERS -> headers();
                case BODY_LENGTH -> bodyWithLength();
                case BODY_SCAN -> bodyToDelimiter(false);
                case SKIP_LENGTH -> skipLength();
                default -> bodyToDelimiter(true);
            };
            if (s == null) {
                return;
            }
            out.add(s);
        }
    }

    private Split seek() {
        int n = held();
        int p = scanFrom;
        while (true) {
            p = find(p);
            if (p < 0) {
                scanFrom = n;
                return n > GARBAGE_RUN ? garbage(GARBAGE_RUN) : null;
            }
            int after = after(p);
            if (after == UNDECIDED) {
                scanFrom = p;
                return p > GARBAGE_RUN ? garbage(GARBAGE_RUN) : null;
            }
            if (after != INVALID) {
                break;
            }
            p++;
        }
        if (p > GARBAGE_RUN) {
            return garbage(GARBAGE_RUN);
        }
        if (!blank(0, p)) {
            return garbage(p);
        }
        if (after(p) == CLOSE) {
            return consume(new Split.Closed(p + delimiter.length + 2L), p + delimiter.length + 2);
        }
        mark = after(p);
        state = HEADERS;
        scanFrom = 0;
        return headers();
    }

    private Split headers() {
        int n = held();
        int limit = Math.min(n, mark + MAX_HEADER_BYTES);
        int blankEnd = -1;
        // The headers end at the first empty line: right at the mark, or after a line break.
        if (at(mark, limit, '\n')) {
            blankEnd = mark + 1;
        } else if (at(mark, limit, '\r') && at(mark + 1, limit, '\n')) {
            blankEnd = mark + 2;
        } else {
            for (int i = mark; i < limit; i++) {
                if (byteAt(i) == '\n') {
                    if (at(i + 1, limit, '\n')) {
                        blankEnd = i + 2;
                        break;
                    }
                    if (at(i + 1, limit, '\r') && at(i + 2, limit, '\n')) {
                        blankEnd = i + 3;
                        break;
                    }
                }
            }
        }
        if (blankEnd < 0) {
            if (n < mark + MAX_HEADER_BYTES) {
                return null;
            }
            state = SEEK;
            return consume(new Split.Rejected(Refusal.BAD_HEADERS, "no blank line ends the part headers within "
                    + MAX_HEADER_BYTES + " bytes", mark + MAX_HEADER_BYTES), mark + MAX_HEADER_BYTES);
        }
        String problem = parseHeaders(new String(buffer, start + mark, blankEnd - mark, StandardCharsets.UTF_8));
        if (problem != null) {
            state = SEEK;
            return consume(new Split.Rejected(Refusal.BAD_HEADERS, problem, blankEnd), blankEnd);
        }
        String length = headers.get("content-length");
        mark = blankEnd;
        scanFrom = blankEnd;
        if (length == null) {
            state = BODY_SCAN;
            return bodyToDelimiter(false);
        }
        if (!length.matches("[0-9]{1,15}")) {
            state = SEEK;
            scanFrom = 0;
            return consume(new Split.Rejected(Refusal.BAD_HEADERS, "Content-Length " + CameraText.quoted(length)
                    + " is not a number", blankEnd), blankEnd);
        }
        bodyLength = Long.parseLong(length);
        if (bodyLength > maxPartBytes) {
            state = SKIP_LENGTH;
            skipped = blankEnd;
            toSkip = bodyLength;
            consume(null, blankEnd);
            return skipLength();
        }
        state = BODY_LENGTH;
        return bodyWithLength();
    }

    /** Null if the headers are fine, else what is wrong with them. */
    private String parseHeaders(String block) {
        Map<String, String> h = new LinkedHashMap<>();
        String last = null;
        for (String raw : block.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                h.put(last, h.get(last) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).strip().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                return "header line without a name and a colon: " + CameraText.quoted(line);
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            String before = h.putIfAbsent(name, value);
            if (before != null && name.equals("content-length") && !before.equals(value)) {
                return "two different Content-Length headers";
            }
            last = name;
        }
        headers = h;
        return null;
    }

    private Split bodyWithLength() {
        long endOfBody = mark + bodyLength;
        if (held() < endOfBody) {
            return null;
        }
        byte[] body = copy(mark, (int) endOfBody);
        state = SEEK;
        scanFrom = 0;
        return consume(new Split.Part(headers, body, endOfBody), (int) endOfBody);
    }

    /**
     * A body without Content-Length ends at the line break before a delimiter; the delimiter may also follow the
     * headers at once (an empty body). When skipping, the body is already too long and is consumed as it goes.
     */
    private Split bodyToDelimiter(boolean skipping) {
        int n = held();
        int p = scanFrom;
        int found = -1;
        int undecided = -1;
        while (true) {
            p = find(p);
            if (p < 0) {
                break;
            }
            boolean lineStart = skipping ? p > 0 && byteAt(p - 1) == '\n'
                    : p == mark || p > mark && byteAt(p - 1) == '\n';
            int after = after(p);
            if (after == UNDECIDED) {
                undecided = p;
                break;
            }
            if (lineStart && after != INVALID) {
                found = p;
                break;
            }
            p++;
        }
        int bodyFrom = skipping ? 0 : mark;
        if (found >= 0) {
            int bodyEnd = found;
            if (bodyEnd > bodyFrom && byteAt(bodyEnd - 1) == '\n') {
                bodyEnd--;
                if (bodyEnd > bodyFrom && byteAt(bodyEnd - 1) == '\r') {
                    bodyEnd--;
                }
            }
            state = SEEK;
            scanFrom = 0;
            if (skipping || bodyEnd - mark > maxPartBytes) {
                long raw = (skipping ? skipped : 0) + bodyEnd;
                return consume(new Split.Rejected(Refusal.OVERSIZED, "a part longer than " + maxPartBytes
                        + " bytes, skipped", raw), bodyEnd);
            }
            return consume(new Split.Part(headers, copy(mark, bodyEnd), bodyEnd), bodyEnd);
        }
        // Nothing before this can start the delimiter line that ends the body (two bytes kept for its line break).
        int safe = Math.max(bodyFrom, (undecided >= 0 ? undecided : n) - 2);
        scanFrom = undecided >= 0 ? undecided : Math.max(bodyFrom, n - delimiter.length);
        if (skipping) {
            skipped += safe;
            consume(null, safe);
            return null;
        }
        if (safe - mark > maxPartBytes) {
            state = SKIP_SCAN;
            skipped = safe;
            consume(null, safe);
            return bodyToDelimiter(true);
        }
        return null;
    }

    private Split skipLength() {
        int n = (int) Math.min(held(), toSkip);
        skipped += n;
        toSkip -= n;
        consume(null, n);
        if (toSkip > 0) {
            return null;
        }
        state = SEEK;
        scanFrom = 0;
        return new Split.Rejected(Refusal.OVERSIZED, "Content-Length " + bodyLength + ", more than the "
                + maxPartBytes + " bytes allowed; skipped", skipped);
    }

    private static final int INVALID = -1;
    private static final int UNDECIDED = -2;
    private static final int CLOSE = -3;

    /**
     * What follows a full delimiter at {@code p}: {@link #CLOSE} ({@code --}), the index after its line break (an
     * open delimiter), {@link #INVALID} (something else: not a delimiter), or {@link #UNDECIDED} until more bytes come.
     */
    private int after(int p) {
        int n = held();
        int i = p + delimiter.length;
        if (i > n) {
            return UNDECIDED;
        }
        if (i == n) {
            return UNDECIDED;
        }
        int c = byteAt(i);
        if (c == '-') {
            return i + 1 == n ? UNDECIDED : byteAt(i + 1) == '-' ? CLOSE : INVALID;
        }
        int j = i;
        while (j < n && j - i <= MAX_PADDING && (byteAt(j) == ' ' || byteAt(j) == '\t')) {
            j++;
        }
        if (j - i > MAX_PADDING) {
            return INVALID;
        }
        if (j == n) {
            return UNDECIDED;
        }
        if (byteAt(j) == '\n') {
            return j + 1;
        }
        if (byteAt(j) == '\r') {
            return j + 1 == n ? UNDECIDED : byteAt(j + 1) == '\n' ? j + 2 : INVALID;
        }
        return INVALID;
    }

    /**
     * The first index from {@code from} where the delimiter starts, completely or cut off by the end of the buffered
     * bytes; -1 if none.
     */
    private int find(int from) {
        int n = held();
        byte first = delimiter[0];
        for (int i = Math.max(from, 0); i < n; i++) {
            if (buffer[start + i] != first) {
                continue;
            }
            int k = 1;
            while (k < delimiter.length && i + k < n && buffer[start + i + k] == delimiter[k]) {
                k++;
            }
            if (k == delimiter.length || i + k == n) {
                return i;
            }
        }
        return -1;
    }

    private boolean blank(int from, int to) {
        for (int i = from; i < to; i++) {
            int b = byteAt(i);
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private Split garbage(int length) {
        return consume(new Split.Rejected(Refusal.GARBAGE, length + " bytes outside any part", length), length);
    }

    private boolean at(int i, int limit, char c) {
        return i < limit && byteAt(i) == c;
    }

    private int byteAt(int i) {
        return buffer[start + i] & 0xFF;
    }

    private byte[] copy(int from, int to) {
        byte[] b = new byte[to - from];
        System.arraycopy(buffer, start + from, b, 0, b.length);
        return b;
    }

    /** Drops the first {@code length} buffered bytes, which {@code s} (if any) covers. */
    private Split consume(Split s, int length) {
        scanFrom = Math.max(0, scanFrom - length);
        start += length;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return s;
    }

    private void append(byte[] bytes, int offset, int count) {
        if (end + count > buffer.length) {
            int live = end - start;
            if (live + count <= buffer.length / 2) {
                System.arraycopy(buffer, start, buffer, 0, live);
            } else {
                byte[] bigger = new byte[Math.min(capacity, Math.max(buffer.length * 2, live + count))];
                System.arraycopy(buffer, start, bigger, 0, live);
                buffer = bigger;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(bytes, offset, buffer, end, count);
        end += count;
    }
}
