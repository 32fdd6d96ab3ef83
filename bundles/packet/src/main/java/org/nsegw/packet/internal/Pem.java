package org.nsegw.packet.internal;

import java.util.Base64;

/** PEM blocks (RFC 7468): base64 in lines of 64 characters between BEGIN and END lines. */
public final class Pem {

    private Pem() {
    }

    public static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The DER bytes of the first block labelled {@code label} in {@code text}. */
    public static byte[] decode(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("no PEM block '" + label + "'");
        }
        String body = text.substring(from + begin.length(), to).replaceAll("[\\s]", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block '" + label + "' is not base64: " + e.getMessage());
        }
    }
}
