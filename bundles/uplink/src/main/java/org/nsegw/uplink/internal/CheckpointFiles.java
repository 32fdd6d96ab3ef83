package org.nsegw.uplink.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signed checkpoints the evidence component writes beside the packets ({@code checkpoint-<treeSize>.json},
 * docs/evidence-format.md): which is the newest. The file is written before it is renamed into place, so a file with
 * that name is whole. (The packet library's {@code Checkpoint.filesIn} does the same listing; the uplink does not
 * depend on that library for one file name.)
 */
final class CheckpointFiles {

    private static final Pattern NAME = Pattern.compile("checkpoint-([1-9][0-9]{0,17})\\.json");

    /** The newest checkpoint: its tree size and its file (RFC 8785 JSON, sent as written). */
    record Newest(long treeSize, Path file) {
    }

    private CheckpointFiles() {
    }

    static Optional<Newest> newest(Path packets) throws IOException {
        long best = 0;
        Path file = null;
        if (!Files.isDirectory(packets)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(packets, "checkpoint-*.json")) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) > best) {
                    best = Long.parseLong(m.group(1));
                    file = f;
                }
            }
        }
        return file == null ? Optional.empty() : Optional.of(new Newest(best, file));
    }
}
