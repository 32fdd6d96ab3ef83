package org.nsegw.weigh.internal.codec;

import java.util.List;
import java.util.Optional;

/**
 * Decodes one device protocol. Not thread-safe: one codec per device, fed from one thread.
 *
 * <p>Every byte given to {@link #feed} ends up, exactly once and in order, either in the {@code raw} of a value or
 * of a rejection, or in the codec's buffer of an incomplete frame (which a later feed or {@link #timeout} settles).
 * Tests hold codecs to this.
 *
 * @param <T> what the protocol delivers: {@link ScaleReading}, {@link VehicleRecord} or {@link SampleBlock}
 */
public interface Codec<T> {

    /** Bytes received from the device; returns what they completed, in order. */
    List<Decoded<T>> feed(byte[] bytes, int offset, int length);

    default List<Decoded<T>> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /**
     * For polled protocols, the request to send now; empty for devices that talk on their own. A polled codec
     * expects the answer to its last request.
     */
    default Optional<byte[]> request() {
        return Optional.empty();
    }

    /**
     * The device went quiet (a poll got no complete answer in time, or the line stalled): the buffered bytes of an
     * incomplete frame are returned as {@link Rejection#TRUNCATED}, and decoding starts afresh.
     */
    List<Decoded<T>> timeout();

    /** How many bytes of an incomplete frame are buffered. */
    int pending();

    /** What the codec decodes: {@link ScaleReading}, {@link VehicleRecord}... */
    Class<T> valueType();
}
