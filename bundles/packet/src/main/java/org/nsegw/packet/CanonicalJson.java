package org.nsegw.packet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The RFC 8785 canonical form of JSON text, through the canonicaliser the manifests use, for other signed JSON of the
 * gateway (operators' commands, {@code docs/remote.md}).
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * The canonical UTF-8 bytes of {@code json}.
     *
     * @throws IllegalArgumentException when {@code json} is not JSON the canonicaliser takes (RFC 8785 refuses, for
     *                                  instance, numbers beyond IEEE 754 doubles)
     */
    public static byte[] canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not canonicalisable JSON: " + e.getMessage(), e);
        }
    }

    /** The canonical form as text. */
    public static String canonicalText(String json) {
        return new String(canonicalize(json), StandardCharsets.UTF_8);
    }
}
