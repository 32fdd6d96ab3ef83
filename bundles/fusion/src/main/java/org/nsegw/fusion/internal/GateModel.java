package org.nsegw.fusion.internal;

import java.time.Instant;
import org.nsegw.fusion.internal.LaneSettings.Timing;

/**
 * When the parts of one exit at a site gate come, relative to its gate read. A gate is single file: the gate camera reads
 * the front plate as the truck drives onto the scale; the weigh bundle stamps the weighing when the load has been
 * steady for the scale's stable time, so the weighing comes {@code gateWeighMinSeconds} to {@code gateWindowSeconds}
 * after the read; the truck leaves before the next one drives on. A site camera sees the truck from
 * {@code gateObservationLeadSeconds} before its read to {@code gateWindowSeconds} after it. Read and item times carry
 * the clocks' uncertainty ({@code readToleranceSeconds}); a read's time is a span ({@link TimeModel#readSpan}).
 */
final class GateModel {

    private GateModel() {
    }

    /** The earliest an item of the kind comes after the read that anchors its exit (negative: before it). */
    static double earliest(boolean weighing, Timing t) {
        return weighing ? t.gateWeighMinSeconds() : -t.gateObservationLeadSeconds();
    }

    /** Whether an item at {@code time} can belong to the exit read at {@code read}, by time alone. */
    static boolean fits(Span read, Instant time, boolean weighing, Timing t) {
        double tol = t.readToleranceSeconds();
        return !time.isBefore(TimeModel.plus(read.from(), earliest(weighing, t) - tol))
                && !time.isAfter(TimeModel.plus(read.to(), t.gateWindowSeconds() + tol));
    }

    /**
     * Whether the later read shows that the truck of the earlier one had left the scale before an item at {@code time}:
     * the later truck drove on at least {@code gateWeighMinSeconds} after the earlier one (time for that one to be
     * weighed and leave), and before the item. Reads closer together than that close nothing: either truck may be the
     * one weighed. (An item just before the later read may still be either truck's: the earlier one leaving, the later
     * one coming, seen by the site camera.)
     */
    static boolean closes(Span earlier, Span later, Instant time, Timing t) {
        return follows(earlier, later, t) && TimeModel.plus(later.to(), t.readToleranceSeconds()).isBefore(time);
    }

    /**
     * When an exit can be decided: every item it may take has arrived ({@code gateWindowSeconds} after its read), and
     * every read that may claim one of those items too (the observation lead later), each up to {@code latencySeconds}
     * late.
     */
    static Instant decideAt(Span read, Timing t) {
        return TimeModel.plus(read.to(), t.gateWindowSeconds() + t.gateObservationLeadSeconds() + 2 * t.readToleranceSeconds()
                + t.latencySeconds());
    }

    /**
     * When an exit with observations can be decided at the latest: a truck whose gate read was missed may have driven on
     * after it and been seen by the site camera within this exit's window; its weighing, which tells, comes up to a gate
     * window later still.
     */
    static Instant latestAt(Span read, Timing t) {
        return TimeModel.plus(decideAt(read, t), t.gateWindowSeconds() + t.readToleranceSeconds());
    }

    /**
     * When an exit with observations can be decided once the next read, which closes it, has come: every weighing of a
     * truck between the two (whose read was missed) came before that read, and every read that may claim an observation
     * up to the observation lead after it has arrived.
     */
    static Instant afterNext(Span next, Timing t) {
        return TimeModel.plus(next.to(), t.gateObservationLeadSeconds() + 2 * t.readToleranceSeconds() + t.latencySeconds());
    }

    /** Whether the later read comes long enough after the earlier one for the earlier truck to have been weighed and left. */
    static boolean follows(Span earlier, Span later, Timing t) {
        return !later.from().isBefore(TimeModel.plus(earlier.to(), t.gateWeighMinSeconds()));
    }

    /**
     * Whether the site camera may have seen, at {@code observation}, the truck weighed at {@code weighing} whose gate read
     * was missed: its read would lie between a gate window and the earliest weighing time before its weighing.
     */
    static boolean unreadTruckMayOwn(Instant weighing, Instant observation, Timing t) {
        double tol = t.readToleranceSeconds();
        return !observation.isBefore(TimeModel.plus(weighing, -t.gateWindowSeconds() - t.gateObservationLeadSeconds() - 2 * tol))
                && !observation.isAfter(TimeModel.plus(weighing, t.gateWindowSeconds() - t.gateWeighMinSeconds() + 2 * tol));
    }

    /** When every read that may claim an item at {@code time} has arrived. */
    static Instant due(Instant time, boolean weighing, Timing t) {
        return TimeModel.plus(time, -earliest(weighing, t) + t.readToleranceSeconds() + t.latencySeconds());
    }
}
