package org.nsegw.api.evidence;

import java.util.Objects;

/**
 * A signed evidence packet stored in the outbox.
 *
 * @param caseId   the case id: station code + yyyyMMddHHmmss + serial
 * @param path     the packet's path relative to the data directory
 * @param sha256   the SHA-256 of the packet file, lower-case hex
 * @param sequence the gateway's sequence number of the packet in its chain
 */
public record EvidenceRef(String caseId, String path, String sha256, long sequence) {

    public EvidenceRef {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (sequence < 0) {
            throw new IllegalArgumentException("negative sequence " + sequence);
        }
    }
}
