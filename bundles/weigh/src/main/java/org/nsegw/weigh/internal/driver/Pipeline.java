package org.nsegw.weigh.internal.driver;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nsegw.weigh.internal.codec.Rejection;

/**
 * From a device's bytes to measured vehicles: a codec and what turns its values into vehicles (a static weighing,
 * the raw-signal processor, or nothing for controllers that report vehicles). Pure and single-threaded.
 */
public interface Pipeline {

    /** What some bytes gave. */
    sealed interface Outcome permits Measured, Rejected, Reading {
    }

    /** A vehicle. */
    record Measured(Measurement measurement) implements Outcome {
    }

    /** Bytes that did not make a value. */
    record Rejected(Rejection reason, String detail, int bytes) implements Outcome {
    }

    /** A valid value that is not (yet) a vehicle: a scale reading, a block of samples. It shows the device is alive. */
    record Reading() implements Outcome {
    }

    List<Outcome> feed(byte[] bytes, int offset, int length, Instant now);

    /** The request to send for polled protocols; empty for devices that talk on their own. */
    default Optional<byte[]> request() {
        return Optional.empty();
    }

    /** The device went quiet in the middle of a frame (or did not answer a poll). */
    List<Outcome> timeout(Instant now);

    /** Bytes of an incomplete frame waiting for the rest. */
    int pending();
}
