package org.nsegw.outbox.internal;

import java.time.Instant;
import org.nsegw.outbox.Priority;
import org.nsegw.outbox.State;

/**
 * One row of the table {@code packet}.
 *
 * @param sha256 of the packet file
 * @param mediaSize the separately stored images' size, 0 when there are none
 * @param mediaShed when the images were shed to make room; null while they are on disk (or there are none)
 * @param acknowledged when the platform acknowledged the packet; null before
 * @param damage why the packet cannot be sent (its file is missing or altered); null when it is intact
 */
public record Row(String caseId, long sequence, String manifestSha256, Priority priority, State state, long size, String sha256,
        long mediaSize, String mediaSha256, Instant mediaShed, Instant stored, Instant acknowledged, String damage) {

    /** Whether images are stored beside the packet right now. */
    public boolean hasMedia() {
        return mediaSize > 0 && mediaShed == null;
    }

    /** The bytes its files take now. */
    public long bytesOnDisk() {
        return size + (hasMedia() ? mediaSize : 0);
    }
}
