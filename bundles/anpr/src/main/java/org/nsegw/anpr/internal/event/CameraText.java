package org.nsegw.anpr.internal.event;

/** Text from a camera, made safe to put in a message or a log line. */
public final class CameraText {

    private CameraText() {
    }

    /** In single quotes, control characters escaped, cut after 64 characters with an ellipsis. */
    public static String quoted(String s) {
        StringBuilder b = new StringBuilder("'");
        s.codePoints().limit(64).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        if (s.codePointCount(0, s.length()) > 64) {
            b.append('…');
        }
        return b.append('\'').toString();
    }
}
