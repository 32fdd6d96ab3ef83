package org.nsegw.packet;

import org.nsegw.packet.internal.Json;
import org.nsegw.packet.internal.Sha256;

/**
 * A packet's place in its gateway's chain: the sequence number (from 1) and the SHA-256 (lower-case hex)
 * of the previous packet's manifest bytes, "" for the first packet.
 */
public record ChainLink(long sequence, String previousManifestSha256) {

    public ChainLink {
        if (sequence < 1 || sequence > Json.MAX_INTEGER) {
            throw new IllegalArgumentException("sequence must be 1.." + Json.MAX_INTEGER + ": " + sequence);
        }
        if (sequence == 1 ? !"".equals(previousManifestSha256) : !Sha256.isHex(previousManifestSha256)) {
            throw new IllegalArgumentException("previousManifestSha256 must be \"\" for sequence 1 and 64 lower-case"
                    + " hex digits after it: sequence " + sequence + ", '" + previousManifestSha256 + "'");
        }
    }

    /** The link of a gateway's first packet. */
    public static ChainLink first() {
        return new ChainLink(1, "");
    }

    /** The link of the packet that follows {@code previous}. */
    public static ChainLink after(BuiltPacket previous) {
        return new ChainLink(previous.sequence() + 1, previous.manifestSha256());
    }
}
