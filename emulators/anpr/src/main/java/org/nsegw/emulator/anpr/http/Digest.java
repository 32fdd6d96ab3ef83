package org.nsegw.emulator.anpr.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** HTTP Digest access authentication, RFC 7616: the computations, pure. MD5 and SHA-256, their -sess forms, qop=auth. */
public final class Digest {

    private Digest() {
    }

    public static boolean supports(String algorithm) {
        return switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5", "MD5-SESS", "SHA-256", "SHA-256-SESS" -> true;
            default -> false;
        };
    }

    /**
     * The {@code response} value: KD(H(A1), nonce:nc:cnonce:qop:H(A2)) with A1 = user:realm:password (for -sess
     * H(user:realm:password):nonce:cnonce) and A2 = method:uri.
     */
    public static String response(String algorithm, String user, String realm, String password, String method, String uri,
            String nonce, String nc, String cnonce, String qop) {
        String alg = algorithm.toUpperCase(Locale.ROOT);
        String ha1 = hash(alg, user + ":" + realm + ":" + password);
        if (alg.endsWith("-SESS")) {
            ha1 = hash(alg, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = hash(alg, method + ":" + uri);
        return hash(alg, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** The {@code Authorization} header answering a challenge. */
    public static String authorization(DigestChallenge challenge, String user, String password, String method, String uri, long nc,
            String cnonce) {
        String ncText = String.format("%08x", nc);
        String response = response(challenge.algorithm(), user, challenge.realm(), password, method, uri, challenge.nonce(), ncText,
                cnonce, "auth");
        StringBuilder h = new StringBuilder("Digest ");
        h.append("username=\"").append(quote(user)).append("\", ");
        h.append("realm=\"").append(quote(challenge.realm())).append("\", ");
        h.append("uri=\"").append(quote(uri)).append("\", ");
        h.append("algorithm=").append(challenge.algorithm()).append(", ");
        h.append("nonce=\"").append(quote(challenge.nonce())).append("\", ");
        h.append("nc=").append(ncText).append(", ");
        h.append("cnonce=\"").append(quote(cnonce)).append("\", ");
        h.append("qop=auth, ");
        h.append("response=\"").append(response).append('"');
        String opaque = challenge.param("opaque");
        if (opaque != null) {
            h.append(", opaque=\"").append(quote(opaque)).append('"');
        }
        return h.toString();
    }

    static String hash(String algorithm, String text) {
        String jca = algorithm.startsWith("SHA-256") ? "SHA-256" : "MD5";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is missing from this JDK", e);
        }
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
