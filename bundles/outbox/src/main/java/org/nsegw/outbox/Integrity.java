package org.nsegw.outbox;

import java.util.List;

/**
 * What {@link Outbox#open} found and repaired in the packet files, and what {@link Outbox#verify} found. Nothing that
 * was committed is ever dropped silently: a packet that is missing or altered keeps its row, is named here and is not
 * handed out for sending.
 *
 * @param temporaryFilesRemoved files of puts a crash interrupted before their rename (never acknowledged to anyone)
 * @param uncommittedRemoved packet or image files without a committed row: puts a crash interrupted between rename
 *        and commit, or purges and sheds interrupted after their commit
 * @param missing case ids whose packet file is gone
 * @param corrupt case ids whose packet file differs from what was stored (size, or SHA-256 when verified)
 * @param missingImages case ids whose separately stored images were gone; recorded as shed
 */
public record Integrity(int temporaryFilesRemoved, List<String> uncommittedRemoved, List<String> missing, List<String> corrupt,
        List<String> missingImages) {

    public Integrity {
        uncommittedRemoved = List.copyOf(uncommittedRemoved);
        missing = List.copyOf(missing);
        corrupt = List.copyOf(corrupt);
        missingImages = List.copyOf(missingImages);
    }

    /** Whether every committed packet is there as it was stored (removed leftovers of crashes do not count). */
    public boolean intact() {
        return missing.isEmpty() && corrupt.isEmpty() && missingImages.isEmpty();
    }

    /** One line for the log. */
    public String describe() {
        if (intact() && temporaryFilesRemoved == 0 && uncommittedRemoved.isEmpty()) {
            return "outbox intact";
        }
        StringBuilder b = new StringBuilder(intact() ? "outbox intact" : "outbox DAMAGED");
        if (!missing.isEmpty()) {
            b.append("; packet files missing (not sent until restored): ").append(missing);
        }
        if (!corrupt.isEmpty()) {
            b.append("; packet files altered (not sent until restored): ").append(corrupt);
        }
        if (!missingImages.isEmpty()) {
            b.append("; separate images missing, recorded as shed: ").append(missingImages);
        }
        if (temporaryFilesRemoved > 0) {
            b.append("; removed ").append(temporaryFilesRemoved).append(" temporary files of interrupted puts");
        }
        if (!uncommittedRemoved.isEmpty()) {
            b.append("; removed files without a committed row: ").append(uncommittedRemoved);
        }
        return b.toString();
    }
}
