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

    /**
     * A whole number a camera sent as text.
     *
     * @param what   the field, for the message ({@code ANPR.confidenceLevel})
     * @param absent the value when the text is empty
     * @throws MalformedEvent when the text is not a whole number from {@code min} to {@code max}
     */
    public static int wholeNumber(String text, String what, int absent, int min, int max) throws MalformedEvent {
        if (text.isEmpty()) {
            return absent;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new MalformedEvent(what + " " + quoted(text) + " is not a whole number");
        }
        if (value < min || value > max) {
            throw new MalformedEvent(what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }
}
