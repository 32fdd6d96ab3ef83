package org.nsegw.weigh.internal.raw;

import java.util.ArrayList;
import java.util.List;

/** Stretches of a lane's signal that cannot be trusted: lost samples, a reported sensor fault, a stalled pulse. */
final class Troubles {

    /** Samples that never arrived (a sequence gap, or a row far behind the other). */
    static final int LOST = 1;
    /** The front-end flagged the sensor as faulty. */
    static final int FAULT = 2;
    /** A pulse longer than any tyre takes: a vehicle stood on the strip, or the baseline jumped. */
    static final int STALL = 4;

    private record Stretch(int kind, int row, long from, long to) {
    }

    private final List<Stretch> stretches = new ArrayList<>();

    void add(int kind, int row, long from, long to) {
        if (to <= from) {
            return;
        }
        // A row that stays silent is reported frame after frame: one growing stretch, not thousands.
        for (int i = stretches.size() - 1; i >= 0; i--) {
            Stretch s = stretches.get(i);
            if (s.kind == kind && s.row == row && s.from <= to && s.to >= from) {
                stretches.set(i, new Stretch(kind, row, Math.min(s.from, from), Math.max(s.to, to)));
                return;
            }
        }
        stretches.add(new Stretch(kind, row, from, to));
    }

    /** The kinds (bits) of the troubles that overlap samples {@code from} to {@code to} of either row. */
    int kindsWithin(long from, long to) {
        int kinds = 0;
        for (Stretch s : stretches) {
            if (s.from < to && s.to > from) {
                kinds |= s.kind;
            }
        }
        return kinds;
    }

    /** Forgets troubles that ended before {@code index}. */
    void forgetBefore(long index) {
        stretches.removeIf(s -> s.to < index);
    }

    void clear() {
        stretches.clear();
    }
}
