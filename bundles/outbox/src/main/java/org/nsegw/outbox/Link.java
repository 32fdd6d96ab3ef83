package org.nsegw.outbox;

import java.util.Objects;

/**
 * The head of the gateway's chain of packets: the last committed packet's sequence number and the SHA-256 (lower-case
 * hex) of its manifest. An empty outbox has sequence 0 and an empty hash.
 */
public record Link(long sequence, String manifestSha256) {

    /** The head before the first packet. */
    public static final Link START = new Link(0, "");

    public Link {
        Objects.requireNonNull(manifestSha256, "manifestSha256");
        if (sequence < 0) {
            throw new IllegalArgumentException("a chain sequence cannot be negative: " + sequence);
        }
    }
}
