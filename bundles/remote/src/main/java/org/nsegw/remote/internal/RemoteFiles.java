package org.nsegw.remote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What remote configuration keeps in {@code <data>/remote/}: accepted nonces ({@code nonces.jsonl}), the change on
 * trial ({@code trial.json}), snapshots ({@code snapshots/snapshot-<n>.json}, the newest N kept) and the audit log
 * ({@code audit.jsonl}, with {@code audit.sent}: how many of its bytes the broker has PUBACKed). Every write is forced
 * to the disk before it counts.
 */
final class RemoteFiles implements ReplayGuard.Store {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path snapshots;

    RemoteFiles(Path dir) throws IOException {
        this.dir = dir;
        this.snapshots = dir.resolve("snapshots");
        Files.createDirectories(snapshots);
    }

    Path dir() {
        return dir;
    }

    // --- nonces ---

    Map<String, Instant> nonces() throws IOException {
        Map<String, Instant> out = new HashMap<>();
        Path f = dir.resolve("nonces.jsonl");
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            try {
                JsonNode n = JSON.readTree(line);
                out.put(n.get("nonce").asText(), Instant.parse(n.get("expires").asText()));
            } catch (IOException | RuntimeException e) {
                // a line torn by a crash: the command it stood for was not obeyed (the nonce is forced before)
            }
        }
        return out;
    }

    /** Rewrites the nonce file with only the live nonces. */
    void compactNonces(Map<String, Instant> live) throws IOException {
        StringBuilder b = new StringBuilder();
        live.forEach((nonce, expires) -> b.append(nonceLine(nonce, expires)));
        writeAtomically(dir.resolve("nonces.jsonl"), b.toString());
    }

    @Override
    public void remember(String nonce, Instant expires) {
        try {
            append(dir.resolve("nonces.jsonl"), nonceLine(nonce, expires));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the command's nonce: " + e.getMessage(), e);
        }
    }

    private static String nonceLine(String nonce, Instant expires) {
        ObjectNode n = JSON.createObjectNode().put("nonce", nonce).put("expires", expires.toString());
        return n + "\n";
    }

    // --- the change on trial ---

    Optional<CommitConfirm.Trial> trial() throws IOException {
        Path f = dir.resolve("trial.json");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        JsonNode n = JSON.readTree(f.toFile());
        return Optional.of(new CommitConfirm.Trial(n.get("changeId").asText(), n.get("snapshot").asText(), n.get("operator").asText(),
                Instant.parse(n.get("deadline").asText()), null));
    }

    void trial(Optional<CommitConfirm.Trial> trial) throws IOException {
        Path f = dir.resolve("trial.json");
        if (trial.isEmpty()) {
            Files.deleteIfExists(f);
            return;
        }
        CommitConfirm.Trial t = trial.get();
        writeAtomically(f, JSON.createObjectNode().put("changeId", t.changeId()).put("snapshot", t.snapshot())
                .put("operator", t.operator()).put("deadline", t.deadline().toString()).toString());
    }

    // --- snapshots ---

    /** Writes a snapshot of {@code overlay} and deletes all but the newest {@code keep}; returns its id. */
    String writeSnapshot(List<String> overlay, String reason, String operator, Instant time, int keep) throws IOException {
        long next = snapshotNumbers().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        String id = "s" + next;
        ObjectNode n = JSON.createObjectNode().put("id", id).put("time", time.toString()).put("reason", reason).put("operator", operator);
        ArrayNode settings = n.putArray("overlay");
        overlay.forEach(settings::add);
        writeAtomically(snapshots.resolve("snapshot-" + next + ".json"), n.toPrettyString());
        List<Long> numbers = snapshotNumbers();
        for (int i = 0; i < numbers.size() - keep; i++) {
            Files.deleteIfExists(snapshots.resolve("snapshot-" + numbers.get(i) + ".json"));
        }
        return id;
    }

    /** Removes a snapshot written for a change that was then refused. */
    void deleteSnapshot(String id) throws IOException {
        if (id.matches("s[0-9]{1,18}")) {
            Files.deleteIfExists(snapshots.resolve("snapshot-" + id.substring(1) + ".json"));
        }
    }

    /** The snapshots, oldest first. */
    List<JsonNode> snapshots() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (long n : snapshotNumbers()) {
            out.add(JSON.readTree(snapshots.resolve("snapshot-" + n + ".json").toFile()));
        }
        return out;
    }

    Optional<JsonNode> snapshot(String id) throws IOException {
        if (!id.matches("s[0-9]{1,18}")) {
            return Optional.empty();
        }
        Path f = snapshots.resolve("snapshot-" + id.substring(1) + ".json");
        return Files.exists(f) ? Optional.of(JSON.readTree(f.toFile())) : Optional.empty();
    }

    private List<Long> snapshotNumbers() throws IOException {
        try (Stream<Path> files = Files.list(snapshots)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("snapshot-[0-9]{1,18}\\.json"))
                    .map(n -> Long.parseLong(n.substring(9, n.length() - 5))).sorted().toList();
        }
    }

    // --- audit ---

    void audit(ObjectNode line) throws IOException {
        append(dir.resolve("audit.jsonl"), line + "\n");
    }

    /** The audit lines the broker has not PUBACKed yet, with the offset after each. */
    record Unsent(String line, long end) {
    }

    Optional<Unsent> nextUnsent() throws IOException {
        Path f = dir.resolve("audit.jsonl");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        long sent = auditSent();
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
            if (sent >= raf.length()) {
                return Optional.empty();
            }
            raf.seek(sent);
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            int c;
            while ((c = raf.read()) != -1 && c != '\n') {
                b.write(c);
            }
            if (c != '\n') {
                return Optional.empty(); // a line being written
            }
            return Optional.of(new Unsent(b.toString(StandardCharsets.UTF_8), raf.getFilePointer()));
        }
    }

    long auditSent() throws IOException {
        Path f = dir.resolve("audit.sent");
        if (!Files.exists(f)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(f).strip());
        } catch (NumberFormatException e) {
            return 0; // sent again: the platform keeps audit lines by command id and time
        }
    }

    void auditSent(long offset) throws IOException {
        writeAtomically(dir.resolve("audit.sent"), Long.toString(offset));
    }

    // --- files ---

    private static void append(Path f, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            ch.write(StandardCharsets.UTF_8.encode(text));
            ch.force(true);
        }
    }

    private static void writeAtomically(Path f, String text) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(StandardCharsets.UTF_8.encode(text));
            ch.force(true);
        }
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
