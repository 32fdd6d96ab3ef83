package org.nsegw.fusion.internal;

import java.time.Instant;

/** A closed stretch of time: where a read is expected, or where a read's true time lies. */
record Span(Instant from, Instant to) {

    static Span at(Instant t) {
        return new Span(t, t);
    }

    static Span around(Instant t, double seconds) {
        return new Span(TimeModel.plus(t, -seconds), TimeModel.plus(t, seconds));
    }

    boolean intersects(Span other) {
        return !from.isAfter(other.to) && !other.from.isAfter(to);
    }

    boolean contains(Instant t) {
        return !t.isBefore(from) && !t.isAfter(to);
    }
}
