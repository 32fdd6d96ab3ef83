package org.nsegw.vision.internal.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentSkipListSet;
import org.opencv.core.Mat;

/**
 * A truck is there from shortly before the gate ANPR camera read its plate to a hold time after: the read is the
 * trigger, the frames in that window are analysed. Reads arrive on the ANPR camera's thread, frames on the
 * pipeline's.
 */
public final class AnprPresence implements Presence {

    /** The camera may see the truck this long before the gate read (the read comes when the plate is in place). */
    static final Duration LEAD = Duration.ofSeconds(2);

    private final Duration hold;
    private final ConcurrentSkipListSet<Instant> reads = new ConcurrentSkipListSet<>();

    public AnprPresence(Duration hold) {
        this.hold = hold;
    }

    /** The gate camera read a plate (or saw a vehicle) at {@code time}. */
    public void read(Instant time) {
        reads.add(time);
    }

    @Override
    public boolean present(Mat bgr, Instant time) {
        // reads too old to matter are forgotten
        reads.headSet(time.minus(hold).minus(hold)).clear();
        Instant from = reads.floor(time.plus(LEAD));
        return from != null && !time.isAfter(from.plus(hold));
    }
}
