package org.nsegw.vision.internal.source;

import java.util.Optional;

/** The cheap structural check of a JPEG before anyone decodes it. Pure. */
public final class Jpeg {

    /** Trailing bytes allowed after the EOI marker (line breaks, padding some cameras add). */
    private static final int TRAILING = 16;

    private Jpeg() {
    }

    /** What is wrong with {@code bytes} as a JPEG, or empty if they start with SOI and end with EOI. */
    public static Optional<String> problem(byte[] bytes) {
        if (bytes.length < 4) {
            return Optional.of(bytes.length + " bytes are not a JPEG");
        }
        if ((bytes[0] & 0xff) != 0xff || (bytes[1] & 0xff) != 0xd8) {
            return Optional.of(String.format("not a JPEG: starts with %02x %02x instead of ff d8", bytes[0] & 0xff, bytes[1] & 0xff));
        }
        for (int i = bytes.length - 2; i >= Math.max(2, bytes.length - 2 - TRAILING); i--) {
            if ((bytes[i] & 0xff) == 0xff && (bytes[i + 1] & 0xff) == 0xd9) {
                return Optional.empty();
            }
        }
        return Optional.of("truncated JPEG: no end marker (ff d9) in its last bytes (" + bytes.length + " bytes)");
    }
}
