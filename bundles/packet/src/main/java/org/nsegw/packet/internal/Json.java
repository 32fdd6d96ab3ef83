package org.nsegw.packet.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The JSON of manifests and checkpoints. Writing accepts only values whose RFC 8785 form is exact:
 * strings, booleans, null, integers within ±(2^53 − 1), lists and maps with string keys; floating point
 * is refused (decimals belong in strings). The canonical form comes from the RFC 8785 reference
 * implementation (java-json-canonicalization, embedded). Reading is strict RFC 8259 that also refuses
 * duplicate member names.
 */
public final class Json {

    /** The largest integer every JSON reader (I-JSON, RFC 7493) reads exactly: 2^53 − 1. */
    public static final long MAX_INTEGER = (1L << 53) - 1;

    private Json() {
    }

    /** The RFC 8785 canonical UTF-8 bytes of {@code value}. */
    public static byte[] canonical(Object value) {
        StringBuilder text = new StringBuilder(256);
        write(value, text, "$");
        try {
            return new JsonCanonicalizer(text.toString()).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalStateException("canonicaliser refused JSON this class wrote: " + text, e);
        }
    }

    /** Whether {@code bytes} are exactly the RFC 8785 canonical form of the JSON they hold. */
    public static boolean isCanonical(byte[] bytes) {
        try {
            return Arrays.equals(new JsonCanonicalizer(bytes).getEncodedUTF8(), bytes);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void write(Object value, StringBuilder out, String path) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out, path);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            writeInteger(((Number) value).longValue(), out, path);
        } else if (value instanceof BigInteger big) {
            if (big.bitLength() > 63) {
                throw new IllegalArgumentException(path + ": integer " + big + " beyond ±(2^53 − 1); use a string");
            }
            writeInteger(big.longValue(), out, path);
        } else if (value instanceof Number) {
            throw new IllegalArgumentException(path + ": " + value.getClass().getSimpleName() + " " + value
                    + " is not allowed: RFC 8785 number forms are exact only for integers; put decimals in strings");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(path + ": map key " + e.getKey() + " is not a String");
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(key, out, path);
                out.append(':');
                write(e.getValue(), out, path + "." + key);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out, path + "[" + i + "]");
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(path + ": " + value.getClass().getName()
                    + " is not a JSON value (String, Integer, Long, Boolean, List, Map, null)");
        }
    }

    private static void writeInteger(long v, StringBuilder out, String path) {
        if (v > MAX_INTEGER || v < -MAX_INTEGER) {
            throw new IllegalArgumentException(path + ": integer " + v + " beyond ±(2^53 − 1); use a string");
        }
        out.append(v);
    }

    private static void writeString(String s, StringBuilder out, String path) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(path + ": string has a lone UTF-16 surrogate at index " + i);
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * Parses strict JSON (UTF-8): objects as insertion-ordered maps, integers as Long (BigInteger if
     * larger), other numbers as Double, and the rest as String, Boolean or null.
     */
    public static Object parse(byte[] utf8) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), utf8)) {
            throw new IllegalArgumentException("not valid UTF-8");
        }
        Reader reader = new Reader(text);
        reader.skipSpace();
        Object value = reader.value();
        reader.skipSpace();
        if (reader.pos != text.length()) {
            throw reader.error("text after the JSON value");
        }
        return value;
    }

    private static final class Reader {
        private final String text;
        private int pos;
        private int depth;

        Reader(String text) {
            this.text = text;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at character " + pos);
        }

        void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        char peek() {
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(pos);
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        Object value() {
            char c = peek();
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || c >= '0' && c <= '9') {
                        return number();
                    }
                    throw error("unexpected '" + c + "'");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        private Map<String, Object> object() {
            enter();
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                depth--;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                if (map.containsKey(key)) {
                    throw error("duplicate member \"" + key + "\"");
                }
                map.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    depth--;
                    return map;
                }
            }
        }

        private List<Object> array() {
            enter();
            pos++;
            List<Object> list = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                depth--;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    depth--;
                    return list;
                }
            }
        }

        private void enter() {
            if (++depth > 64) {
                throw error("nested deeper than 64");
            }
        }

        private String string() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = peek();
                pos++;
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = peek();
                pos++;
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text, pos, pos + 4, 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            int intStart = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
                pos++;
            }
            if (pos == intStart || text.charAt(intStart) == '0' && pos - intStart > 1) {
                throw error("bad number");
            }
            boolean integral = true;
            if (pos < text.length() && text.charAt(pos) == '.') {
                integral = false;
                pos++;
                int fracStart = pos;
                while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == fracStart) {
                    throw error("bad fraction");
                }
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                int expStart = pos;
                while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == expStart) {
                    throw error("bad exponent");
                }
            }
            String number = text.substring(start, pos);
            if (!integral) {
                return Double.parseDouble(number);
            }
            BigInteger big = new BigInteger(number);
            return big.bitLength() <= 63 ? (Object) big.longValue() : big;
        }
    }
}
