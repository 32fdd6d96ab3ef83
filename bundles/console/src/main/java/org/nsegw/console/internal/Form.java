package org.nsegw.console.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An {@code application/x-www-form-urlencoded} body, read strictly: a malformed one is refused, not guessed at. */
final class Form {

    /** Thrown for a body that is not a valid form. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;

    private Form(Map<String, String> values) {
        this.values = values;
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    static Form parse(byte[] body) throws Malformed {
        Map<String, String> values = new HashMap<>();
        String text = new String(body, StandardCharsets.US_ASCII);
        if (text.isEmpty()) {
            return new Form(values);
        }
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new Malformed("form field without a name or '=': '" + shorten(pair) + "'");
            }
            String name = decode(pair.substring(0, eq));
            if (values.put(name, decode(pair.substring(eq + 1))) != null) {
                throw new Malformed("form field '" + shorten(name) + "' given twice");
            }
        }
        return new Form(values);
    }

    private static String decode(String s) throws Malformed {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new Malformed("incomplete %-escape in a form field");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new Malformed("invalid %-escape in a form field");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7e || c < 0x20) {
                throw new Malformed("unencoded character in a form field");
            } else {
                out.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("a form field is not UTF-8");
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
