package org.nsegw.emulator.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The receiver's folder, shared by every instance of a shared subscription. Every file appears whole (written beside
 * its place and renamed) and claims are files created exclusively, so instances need no other coordination:
 *
 * <pre>
 * &lt;store&gt;/&lt;gateway&gt;/&lt;caseId&gt;.zip                 verified packets: PacketVerifier.verifyDirectory checks each chain
 * &lt;store&gt;/received.jsonl                           one line per outcome (ReceivedCase)
 * &lt;store&gt;/.partial/&lt;gateway&gt;/&lt;caseId&gt;/notice.json   the notice, its modification time = when it first arrived
 * &lt;store&gt;/.partial/&lt;gateway&gt;/&lt;caseId&gt;/&lt;index&gt;.chunk  chunks as they arrive (repeats ignored)
 * &lt;store&gt;/.partial/&lt;gateway&gt;/&lt;caseId&gt;/claim         the instance assembling the packet
 * &lt;store&gt;/.partial/&lt;gateway&gt;/&lt;caseId&gt;/rejected.txt  a chunk did not match its digest: waits for a person
 * &lt;store&gt;/.chain/&lt;gateway&gt;/&lt;sequence&gt;               "caseId manifestSha256 previousManifestSha256": one case per number
 * &lt;store&gt;/.rejected/&lt;gateway&gt;/&lt;caseId&gt;.zip (.txt)   packets that did not verify, and why
 * </pre>
 *
 * Gateway ids and case ids become file names, so only {@link #isSafeName safe names} are accepted.
 *
 * <p>What must be durable before a case is answered (its verified packet, its chain entry, its line of
 * {@code received.jsonl}) is written for a whole batch of cases at once by a {@link Commit}: every file written and
 * forced by a pool of threads at the same time (the file system then commits its journal once for many of them
 * instead of once per file), renamed into place, and each folder concerned forced once.
 */
final class CaseStore implements AutoCloseable {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Object RECEIVED_LOCK = new Object();
    /** Threads forcing a batch's files at the same time; they wait for the disk, not for the processor. */
    static final int FORCE_THREADS = 16;

    private final Path root;
    private final ExecutorService forcing = Executors.newFixedThreadPool(FORCE_THREADS, r -> {
        Thread t = new Thread(r, "platform-store-force");
        t.setDaemon(true);
        return t;
    });

    CaseStore(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
    }

    /** Letters, digits, '.', '_' and '-', not starting with '.', at most 128 characters. */
    static boolean isSafeName(String name) {
        return name != null && SAFE.matcher(name).matches();
    }

    Path root() {
        return root;
    }

    Path packet(String gateway, String caseId) {
        return root.resolve(gateway).resolve(caseId + ".zip");
    }

    boolean isStored(String gateway, String caseId) {
        return Files.isRegularFile(packet(gateway, caseId));
    }

    private Path partial(String gateway, String caseId) {
        return root.resolve(".partial").resolve(gateway).resolve(caseId);
    }

    /** Keeps the notice unless one is there already; a notice for a case rejected for a bad chunk starts it afresh. */
    boolean putNotice(String gateway, String caseId, byte[] json) throws IOException {
        Path dir = partial(gateway, caseId);
        if (Files.exists(dir.resolve("rejected.txt"))) {
            clearPartial(gateway, caseId);
        }
        return writeOnce(dir, "notice.json", json, false);
    }

    /** The staged notice and when it first arrived. */
    Optional<StagedNotice> notice(String gateway, String caseId) {
        Path file = partial(gateway, caseId).resolve("notice.json");
        try {
            return Optional.of(new StagedNotice(Files.readAllBytes(file), Files.getLastModifiedTime(file).toInstant()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    record StagedNotice(byte[] json, Instant arrived) {
    }

    /** Keeps a chunk unless it is there already; true if it was new. */
    boolean putChunk(String gateway, String caseId, int index, byte[] bytes) throws IOException {
        return writeOnce(partial(gateway, caseId), index + ".chunk", bytes, false);
    }

    /** The indexes of the chunks kept so far. */
    TreeSet<Integer> chunkIndexes(String gateway, String caseId) {
        TreeSet<Integer> indexes = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(partial(gateway, caseId), "*.chunk")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                indexes.add(Integer.parseInt(name.substring(0, name.length() - ".chunk".length())));
            }
        } catch (NoSuchFileException e) {
            // no chunk yet
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot list the chunks of case " + caseId + ": " + e, e);
        }
        return indexes;
    }

    /** The chunks 0..chunks-1 in order, as one packet. */
    byte[] assemble(String gateway, String caseId, int chunks) throws IOException {
        Path dir = partial(gateway, caseId);
        List<byte[]> parts = new ArrayList<>(chunks);
        long size = 0;
        for (int i = 0; i < chunks; i++) {
            byte[] part = Files.readAllBytes(dir.resolve(i + ".chunk"));
            parts.add(part);
            size += part.length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("case " + caseId + ": packet of " + size + " bytes is too large to verify in memory");
        }
        ByteBuffer packet = ByteBuffer.allocate((int) size);
        parts.forEach(packet::put);
        return packet.array();
    }

    /** True for the one instance that may assemble the case now. */
    boolean claim(String gateway, String caseId, String instance) throws IOException {
        Path dir = partial(gateway, caseId);
        Files.createDirectories(dir);
        try {
            Files.write(dir.resolve("claim"), instance.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** When the case was claimed, if it is. */
    Optional<Instant> claimed(String gateway, String caseId) {
        try {
            return Optional.of(Files.getLastModifiedTime(partial(gateway, caseId).resolve("claim")).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void releaseClaim(String gateway, String caseId) throws IOException {
        Files.deleteIfExists(partial(gateway, caseId).resolve("claim"));
    }

    /** Marks a case rejected for a chunk that did not match its digest (no MISSING, no assembly); false if it was. */
    boolean markRejected(String gateway, String caseId, String reason) throws IOException {
        return writeOnce(partial(gateway, caseId), "rejected.txt", reason.getBytes(StandardCharsets.UTF_8), false);
    }

    boolean isMarkedRejected(String gateway, String caseId) {
        return Files.exists(partial(gateway, caseId).resolve("rejected.txt"));
    }

    /** Removes what was staged for a case; files another instance adds meanwhile are removed or left, both harmless. */
    void clearPartial(String gateway, String caseId) {
        Path dir = partial(gateway, caseId);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a file added meanwhile keeps its folder: left for the next notice
                }
            }
        } catch (NoSuchFileException e) {
            // done already
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every staged case with a notice: (gateway, caseId). */
    List<String[]> stagedCases() throws IOException {
        List<String[]> cases = new ArrayList<>();
        Path partials = root.resolve(".partial");
        if (!Files.isDirectory(partials)) {
            return cases;
        }
        try (DirectoryStream<Path> gateways = Files.newDirectoryStream(partials)) {
            for (Path gateway : gateways) {
                try (DirectoryStream<Path> caseDirs = Files.newDirectoryStream(gateway)) {
                    for (Path caseDir : caseDirs) {
                        if (Files.exists(caseDir.resolve("notice.json"))) {
                            cases.add(new String[] {gateway.getFileName().toString(), caseDir.getFileName().toString()});
                        }
                    }
                }
            }
        }
        return cases;
    }

    /** Stores a verified packet, on disk (fsync) before the caller acknowledges it. */
    void storeVerified(String gateway, String caseId, byte[] packet) throws IOException {
        writeOnce(root.resolve(gateway), caseId + ".zip", packet, true);
    }

    /**
     * Keeps a gateway's signed checkpoint beside its packets ({@code checkpoint-<treeSize>.json}, on disk before it
     * returns), where verifying the gateway's folder checks it against the packets and names the cases it covers that
     * are not here. True if stored now, false if the same bytes were already there; an IOException if another
     * checkpoint of that size is there (two signed trees of one size: the gateway's log was rewritten).
     */
    boolean storeCheckpoint(String gateway, long treeSize, byte[] json) throws IOException {
        Path dir = root.resolve(gateway);
        Files.createDirectories(dir);
        String name = "checkpoint-" + treeSize + ".json";
        if (writeOnce(dir, name, json, true)) {
            return true;
        }
        if (!java.util.Arrays.equals(Files.readAllBytes(dir.resolve(name)), json)) {
            Path aside = root.resolve(".rejected").resolve(gateway);
            Files.createDirectories(aside);
            replace(aside, name + ".other", json);
            throw new IOException("gateway " + gateway + " sent a checkpoint of " + treeSize + " cases that differs from the one"
                    + " stored: two signed trees of one size (its log was rewritten?); the second is kept in " + aside);
        }
        return false;
    }

    /** Keeps a packet that did not verify, and why, for the person who must look. */
    void storeRejected(String gateway, String caseId, byte[] packet, String reason) throws IOException {
        Path dir = root.resolve(".rejected").resolve(gateway);
        replace(dir, caseId + ".zip", packet);
        replace(dir, caseId + ".txt", reason.getBytes(StandardCharsets.UTF_8));
    }

    /** One link of a gateway's chain as stored. */
    record ChainEntry(long sequence, String caseId, String manifestSha256, String previousManifestSha256) {
    }

    Optional<ChainEntry> chainEntry(String gateway, long sequence) {
        if (sequence < 1) {
            return Optional.empty();
        }
        try {
            String[] f = Files.readString(root.resolve(".chain").resolve(gateway).resolve(Long.toString(sequence)),
                    StandardCharsets.UTF_8).split(" ", -1);
            return Optional.of(new ChainEntry(sequence, f[0], f[1], f.length > 2 ? f[2] : ""));
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /**
     * Takes the entry's sequence number for its case; if another case has it, that case's entry. Taking it again for
     * the same case succeeds.
     */
    Optional<ChainEntry> claimSequence(String gateway, ChainEntry entry) throws IOException {
        return claimSequence(gateway, entry, null);
    }

    /**
     * As {@link #claimSequence(String, ChainEntry)}; with a commit, the entry is written at once (the claim is the file's
     * exclusive creation) and forced with the commit's other files instead of on its own.
     */
    Optional<ChainEntry> claimSequence(String gateway, ChainEntry entry, Commit commit) throws IOException {
        Path dir = root.resolve(".chain").resolve(gateway);
        String line = entry.caseId() + " " + entry.manifestSha256() + " " + entry.previousManifestSha256();
        String name = Long.toString(entry.sequence());
        if (writeOnce(dir, name, line.getBytes(StandardCharsets.UTF_8), commit == null)) {
            if (commit != null) {
                commit.forceLater(dir.resolve(name));
            }
            return Optional.empty();
        }
        Optional<ChainEntry> holder = chainEntry(gateway, entry.sequence());
        return holder.filter(h -> !h.caseId().equals(entry.caseId()));
    }

    void releaseSequence(String gateway, long sequence) throws IOException {
        releaseSequence(gateway, sequence, null);
    }

    /** Gives the number back; a commit that was to force its entry no longer does. */
    void releaseSequence(String gateway, long sequence, Commit commit) throws IOException {
        Path file = root.resolve(".chain").resolve(gateway).resolve(Long.toString(sequence));
        if (commit != null) {
            commit.toForce.remove(file);
        }
        Files.deleteIfExists(file);
    }

    /** Appends one line in one write, so instances sharing the folder do not interleave their lines. */
    void appendReceived(ReceivedCase received) throws IOException {
        appendReceived(List.of(received), false);
    }

    /** Appends the lines in one write, forced to disk when {@code durable}. */
    void appendReceived(List<ReceivedCase> received, boolean durable) throws IOException {
        if (received.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (ReceivedCase r : received) {
            text.append(r.toJson()).append('\n');
        }
        byte[] lines = text.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (RECEIVED_LOCK) {
            try (FileChannel out = FileChannel.open(root.resolve(ReceivedCase.FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(lines);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                if (durable) {
                    out.force(true);
                }
            }
        }
    }

    /** A batch's durable writes; {@link Commit#run} makes them durable together. */
    Commit commit() {
        return new Commit();
    }

    /**
     * Files to put in place durably, together: {@link #run} writes and forces every new file at once on the store's
     * forcing threads, gives each its name (exclusively: a file already there is left as it is), forces the files
     * given to {@link #forceLater} likewise, and then forces each folder concerned once. Nothing is named before its
     * bytes are on disk, so a crash leaves no partial file under a final name.
     */
    final class Commit {
        private record NewFile(Path dir, String name, byte[] bytes) {
        }

        private final List<NewFile> files = new ArrayList<>();
        private final List<Path> toForce = new ArrayList<>();
        private final LinkedHashSet<Path> dirs = new LinkedHashSet<>();

        /** A verified packet, stored by {@link #run}. */
        void storeVerified(String gateway, String caseId, byte[] packet) {
            files.add(new NewFile(root.resolve(gateway), caseId + ".zip", packet));
        }

        /** A file already named (written whole, not yet forced), forced by {@link #run} with the others. */
        void forceLater(Path file) {
            toForce.add(file);
            dirs.add(file.getParent());
        }

        boolean isEmpty() {
            return files.isEmpty() && toForce.isEmpty();
        }

        /** Writes, forces, names; forces the folders. On an IOException no new file is named (some may be). */
        void run() throws IOException {
            List<Future<Path>> temps = new ArrayList<>();
            List<Future<Path>> forced = new ArrayList<>();
            for (NewFile f : files) {
                temps.add(forcing.submit(() -> temporary(f.dir(), f.name(), f.bytes(), true)));
            }
            for (Path p : toForce) {
                forced.add(forcing.submit(() -> force(p)));
            }
            List<Path> written = new ArrayList<>();
            IOException failure = null;
            for (Future<Path> f : temps) {
                try {
                    written.add(await(f));
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                    written.add(null);
                }
            }
            for (Future<Path> f : forced) {
                try {
                    await(f);
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                for (Path temp : written) {
                    if (temp != null) {
                        Files.deleteIfExists(temp);
                    }
                }
                throw failure;
            }
            for (int i = 0; i < files.size(); i++) {
                NewFile f = files.get(i);
                link(written.get(i), f.dir().resolve(f.name()));
                dirs.add(f.dir());
            }
            List<Future<Path>> folders = new ArrayList<>();
            for (Path dir : dirs) {
                folders.add(forcing.submit(() -> force(dir)));
            }
            for (Future<Path> f : folders) {
                await(f);
            }
        }

        private Path await(Future<Path> f) throws IOException {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while forcing the store's files", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            }
        }
    }

    /** Forces a file or a folder (Linux: fsync on a descriptor opened for reading). */
    private static Path force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
        return path;
    }

    /** Names a written temporary file exclusively (as writeOnce does) and removes the temporary name. */
    private static boolean link(Path temp, Path target) throws IOException {
        try {
            if (Files.exists(target)) {
                return false;
            }
            try {
                Files.createLink(target, temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(target)) {
                    return false;
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void close() {
        forcing.shutdown();
    }

    /** Writes name in dir unless it exists; true if this call wrote it. Two racing writers both "win" with equal bytes. */
    private static boolean writeOnce(Path dir, String name, byte[] bytes, boolean durable) throws IOException {
        Path target = dir.resolve(name);
        if (Files.exists(target)) {
            return false;
        }
        return link(temporary(dir, name, bytes, durable), target);
    }

    private static void replace(Path dir, String name, byte[] bytes) throws IOException {
        Path temp = temporary(dir, name, bytes, false);
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path temporary(Path dir, String name, byte[] bytes, boolean durable) throws IOException {
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            if (durable) {
                out.force(true);
            }
        }
        return temp;
    }
}
