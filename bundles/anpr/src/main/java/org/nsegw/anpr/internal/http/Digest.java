package org.nsegw.anpr.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Digest access authentication (RFC 7616, qop "auth", MD5 and SHA-256), as cameras use it. Pure: the time and
 * the secret come from the caller.
 *
 * <p>Nonces are stateless: the time they were issued, signed with the server's secret, so that the server needs no
 * table of nonces and a forged or expired nonce is refused. (Replays within a nonce's life are not detected; the
 * receiver recognises repeated events by their ids anyway.)
 */
public final class Digest {

    /** A nonce is honoured this long after it was issued; then the client is asked again (stale=true). */
    public static final Duration NONCE_LIFE = Duration.ofMinutes(5);

    private final byte[] secret;
    private final String realm;

    /**
     * @param secret a random secret of the server, at least 16 bytes
     * @param realm  the protection space shown to clients
     */
    public Digest(byte[] secret, String realm) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a digest secret needs at least 16 bytes");
        }
        this.secret = secret.clone();
        this.realm = realm;
    }

    /** The {@code WWW-Authenticate} value of a challenge. */
    public String challenge(Instant now, String algorithm, boolean stale) {
        return "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=" + algorithm + ", nonce=\"" + nonce(now)
                + "\", opaque=\"" + HexFormat.of().formatHex(mac("opaque".getBytes(StandardCharsets.US_ASCII)), 0, 8) + "\""
                + (stale ? ", stale=true" : "");
    }

    /** The outcome of checking an {@code Authorization: Digest ...} header. */
    public enum Verdict {
        OK, WRONG, STALE, MALFORMED
    }

    /**
     * Checks an {@code Authorization} header value (without the scheme word) for a request.
     *
     * @param method the request method
     * @param uri    the request target as sent
     */
    public Verdict verify(String header, String method, String uri, Credentials credentials, Instant now) {
        Map<String, String> p = parameters(header);
        String nonce = p.get("nonce");
        String response = p.get("response");
        if (nonce == null || response == null || !credentials.username().equals(p.get("username"))
                || !realm.equals(p.get("realm")) || !uri.equals(p.get("uri"))) {
            return p.isEmpty() || nonce == null || response == null ? Verdict.MALFORMED : Verdict.WRONG;
        }
        Optional<Instant> issued = issued(nonce);
        if (issued.isEmpty()) {
            return Verdict.WRONG;
        }
        String algorithm = p.getOrDefault("algorithm", "MD5");
        String expected;
        try {
            expected = response(algorithm, credentials, realm, method, uri, nonce, p.get("qop"), p.get("nc"), p.get("cnonce"));
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.WRONG;
        }
        if (issued.get().plus(NONCE_LIFE).isBefore(now) || issued.get().isAfter(now.plusSeconds(60))) {
            return Verdict.STALE;
        }
        return Verdict.OK;
    }

    /**
     * The {@code response} a client computes (RFC 7616 §3.4.1).
     *
     * @param qop    "auth", or {@code null} for the RFC 2069 form without qop
     */
    public static String response(String algorithm, Credentials c, String realm, String method, String uri, String nonce,
            String qop, String nc, String cnonce) {
        String a1 = hash(algorithm, c.username() + ":" + realm + ":" + c.password());
        String a2 = hash(algorithm, method + ":" + uri);
        return qop == null ? hash(algorithm, a1 + ":" + nonce + ":" + a2)
                : hash(algorithm, a1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + a2);
    }

    /**
     * The {@code Authorization} value a client sends in answer to a challenge.
     *
     * @param challenge the {@code WWW-Authenticate} value, starting with "Digest"
     * @param nc        the nonce count, from 1
     * @param cnonce    a client nonce
     */
    public static String authorization(String challenge, Credentials c, String method, String uri, int nc, String cnonce) {
        Map<String, String> p = parameters(challenge.replaceFirst("(?i)^\\s*Digest\\s+", ""));
        String algorithm = p.getOrDefault("algorithm", "MD5");
        String qop = p.containsKey("qop") ? "auth" : null;
        String count = String.format(Locale.ROOT, "%08x", nc);
        String response = response(algorithm, c, p.getOrDefault("realm", ""), method, uri, p.get("nonce"), qop, count, cnonce);
        return "Digest username=\"" + c.username() + "\", realm=\"" + p.getOrDefault("realm", "") + "\", nonce=\"" + p.get("nonce")
                + "\", uri=\"" + uri + "\", algorithm=" + algorithm + (qop == null ? "" : ", qop=auth, nc=" + count + ", cnonce=\"" + cnonce + "\"")
                + ", response=\"" + response + "\"" + (p.containsKey("opaque") ? ", opaque=\"" + p.get("opaque") + "\"" : "");
    }

    /** Parses {@code name=value, name="quoted value"} lists. */
    public static Map<String, String> parameters(String header) {
        Map<String, String> p = new LinkedHashMap<>();
        int i = 0;
        String s = header == null ? "" : header;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                i++;
                value = b.toString();
            } else {
                int end = s.indexOf(',', i);
                value = (end < 0 ? s.substring(i) : s.substring(i, end)).strip();
                i = end < 0 ? s.length() : end;
            }
            p.put(name, value);
        }
        return p;
    }

    static String hash(String algorithm, String text) {
        String name = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            default -> throw new IllegalArgumentException("digest algorithm " + algorithm + " is not supported");
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from the JDK", e);
        }
    }

    private String nonce(Instant now) {
        byte[] time = Long.toString(now.getEpochSecond()).getBytes(StandardCharsets.US_ASCII);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(time) + "." + HexFormat.of().formatHex(mac(time), 0, 16);
    }

    private Optional<Instant> issued(String nonce) {
        int dot = nonce.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] time = Base64.getUrlDecoder().decode(nonce.substring(0, dot));
            String sig = HexFormat.of().formatHex(mac(time), 0, 16);
            if (!MessageDigest.isEqual(sig.getBytes(StandardCharsets.US_ASCII), nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(new String(time, StandardCharsets.US_ASCII))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
