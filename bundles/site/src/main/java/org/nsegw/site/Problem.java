package org.nsegw.site;

import java.util.Comparator;
import java.util.Objects;

/**
 * Something wrong in a site file or a device profile, with where it is and what is allowed instead.
 *
 * @param location where the problem is
 * @param message  what is wrong and what is allowed, in one sentence
 */
public record Problem(Location location, String message) {

    /** Problems of the same file in the order of their lines. */
    public static final Comparator<Problem> BY_LOCATION = Comparator
            .comparing((Problem p) -> p.location().file())
            .thenComparingInt(p -> p.location().line())
            .thenComparingInt(p -> p.location().column());

    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: message}, the form compilers use, which editors can jump to. */
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
