package org.nsegw.emulator.anpr.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An authentication challenge of a {@code WWW-Authenticate} header (RFC 7235 syntax): a scheme and its parameters.
 * One header may carry several challenges, and a response several headers.
 *
 * @param scheme the scheme, lower case ({@code digest}, {@code basic})
 * @param params the parameters, names lower case, values unquoted
 */
public record DigestChallenge(String scheme, Map<String, String> params) {

    public DigestChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    public String realm() {
        return params.getOrDefault("realm", "");
    }

    public String nonce() {
        return params.getOrDefault("nonce", "");
    }

    /** The algorithm, upper case; MD5 when not given (RFC 7616 §3.3). */
    public String algorithm() {
        return params.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    }

    public boolean stale() {
        return "true".equalsIgnoreCase(params.get("stale"));
    }

    /** Whether the challenge offers qop=auth (the only protection this client does). */
    public boolean offersAuth() {
        String qop = params.get("qop");
        if (qop == null) {
            return false;
        }
        for (String q : qop.split(",")) {
            if (q.strip().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    /** Every challenge of the given header values. */
    public static List<DigestChallenge> parseAll(List<String> headerValues) {
        List<DigestChallenge> all = new ArrayList<>();
        for (String value : headerValues) {
            all.addAll(parse(value));
        }
        return all;
    }

    /**
     * The digest challenge this client answers best: SHA-256 before MD5 (and their -sess forms), qop=auth required.
     */
    public static Optional<DigestChallenge> best(List<String> headerValues) {
        List<DigestChallenge> digests = parseAll(headerValues).stream()
                .filter(c -> c.scheme().equals("digest") && c.offersAuth() && Digest.supports(c.algorithm()))
                .toList();
        for (String preferred : List.of("SHA-256", "SHA-256-SESS", "MD5", "MD5-SESS")) {
            for (DigestChallenge c : digests) {
                if (c.algorithm().equals(preferred)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** The challenges of one header value. */
    public static List<DigestChallenge> parse(String value) {
        List<DigestChallenge> out = new ArrayList<>();
        Tokens t = new Tokens(value);
        while (true) {
            t.skip(", \t");
            String scheme = t.token();
            if (scheme.isEmpty()) {
                break;
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                t.skip(" \t");
                int mark = t.pos;
                t.skip(",");
                t.skip(" \t,");
                String name = t.token();
                t.skip(" \t");
                if (name.isEmpty() || !t.take('=')) {
                    t.pos = mark; // the start of the next challenge (or the end)
                    break;
                }
                t.skip(" \t");
                params.put(name.toLowerCase(Locale.ROOT), t.peek() == '"' ? t.quoted() : t.token());
            }
            out.add(new DigestChallenge(scheme, params));
            if (t.pos >= value.length()) {
                break;
            }
        }
        return out;
    }

    /** A cursor over a header value. */
    static final class Tokens {
        private final String s;
        int pos;

        Tokens(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        boolean take(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        void skip(String chars) {
            while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        /** An RFC 7230 token (letters, digits and !#$%&'*+-.^_`|~), possibly empty. */
        String token() {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        String quoted() {
            StringBuilder b = new StringBuilder();
            pos++; // opening quote
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    b.append(s.charAt(pos++));
                } else if (c == '"') {
                    break;
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }

        private static boolean isTokenChar(char c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
        }
    }
}
