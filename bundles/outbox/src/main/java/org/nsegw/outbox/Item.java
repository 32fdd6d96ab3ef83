package org.nsegw.outbox;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One stored packet.
 *
 * @param caseId the case (or record) id, also the packet's file name
 * @param sequence its place in the gateway's chain
 * @param packet the signed packet file, complete and on disk
 * @param size the packet file's size in bytes (without separately stored images)
 * @param stored when the outbox accepted it
 */
public record Item(String caseId, long sequence, Priority priority, State state, Path packet, long size, Instant stored) {
}
