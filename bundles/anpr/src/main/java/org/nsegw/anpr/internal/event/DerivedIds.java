package org.nsegw.anpr.internal.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Event ids for messages that carry none: a hash of what identifies the read, so that the same event pushed again
 * gets the same id and the receiver can drop the duplicate.
 */
public final class DerivedIds {

    private DerivedIds() {
    }

    /**
     * {@code prefix-} and 32 hex digits of SHA-256 over the parts, each ended by a unit separator (U+001F) so that
     * ("ab", "c") and ("a", "bc") differ.
     */
    public static String of(String prefix, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1F);
            }
            return prefix + "-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
