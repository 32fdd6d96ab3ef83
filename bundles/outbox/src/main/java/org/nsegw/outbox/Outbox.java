package org.nsegw.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import org.nsegw.outbox.internal.PacketFiles;
import org.nsegw.outbox.internal.Row;
import org.nsegw.outbox.internal.Store;

/**
 * The durable outbox: signed packets on disk and their rows in SQLite until the platform acknowledges them, and for the
 * retention after that.
 *
 * <p>A folder holds {@code outbox.db} (WAL, {@code synchronous=FULL}), {@code outbox.lock} (one outbox per folder)
 * and {@code packets/}. A put writes the packet to a temporary file, forces it, renames it into {@code packets/},
 * forces the folder and only then commits its row together with the new chain head; a crash at any instant leaves
 * either the whole packet with its row or nothing that {@link #open} does not clean away.
 *
 * <p>Quota (see {@code docs/outbox.md}): when a put would go over it, the outbox first removes acknowledged packets
 * past their retention, then acknowledged packets regardless of retention (oldest acknowledgement first), then sheds
 * the separately stored images of compliant records and telemetry (oldest first). If it is still over, cases are
 * stored all the same and non-case data is refused with {@link OutboxFullException}. The alarm listeners hear once
 * each time the usage reaches the alarm percentage.
 *
 * <p>Unknown case ids: {@link #markNotified}, {@link #markSent} and {@link #acknowledge} throw
 * {@link IllegalArgumentException} naming the id. Database failures outside {@link #put} and {@link #purge} (which
 * declare {@link IOException}) are thrown as {@link UncheckedIOException}. All methods are thread-safe.
 */
public final class Outbox implements AutoCloseable {

    /** Case ids become file names: letters, digits, '_' and '-', starting with a letter or digit. */
    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String DATABASE = "outbox.db";
    /** SQLite's result code for a full disk. */
    private static final int SQLITE_FULL = 13;

    private final Path dir;
    private final OutboxSettings settings;
    private final Clock clock;
    private final FileChannel lockFile;
    private final Store store;
    private final PacketFiles files;
    private final List<Consumer<Usage>> alarmListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Item>> putListeners = new CopyOnWriteArrayList<>();
    private final Integrity recovered;
    private Link head;
    /** Bytes of the packet and image files that rows refer to: what the quota limits. */
    private long fileBytes;
    private boolean alarming;
    private boolean closed;

    private Outbox(Path dir, OutboxSettings settings, Clock clock, FileChannel lockFile, Store store) throws IOException, SQLException {
        this.dir = dir;
        this.settings = settings;
        this.clock = clock;
        this.lockFile = lockFile;
        this.store = store;
        this.files = new PacketFiles(dir.resolve("packets"));
        this.head = store.head();
        this.recovered = reconcile();
        this.alarming = percent(0) >= settings.alarmPercent();
    }

    /**
     * Opens the outbox in a folder, creating it if needed, and recovers from a crash: removes the temporary files of
     * interrupted puts and the files that no committed row refers to, and checks that every row's packet is there
     * with its size ({@link #recovered()} tells what it found).
     *
     * @throws IOException when the folder cannot be created or written, is open in another outbox, or the database
     *         cannot be opened; the message names the folder and the problem
     */
    public static Outbox open(Path dir, OutboxSettings settings, Clock clock) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Path folder = dir.toAbsolutePath();
        FileChannel lockFile = lock(folder);
        Store store = null;
        try {
            Files.createDirectories(folder.resolve("packets"));
            try {
                store = Store.open(folder.resolve(DATABASE));
            } catch (SQLException e) {
                throw databaseProblem(folder, "cannot open the outbox", e);
            }
            return new Outbox(folder, settings, clock, lockFile, store);
        } catch (SQLException e) {
            closeQuietly(store, lockFile);
            throw databaseProblem(folder, "cannot recover the outbox", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(store, lockFile);
            throw e;
        }
    }

    /** Creates the folder if needed and takes its lock, with an error that says what is wrong with the folder. */
    private static FileChannel lock(Path folder) throws IOException {
        FileChannel channel;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(folder.resolve("outbox.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("the outbox folder " + folder + " cannot be created: " + e.getFile() + " is a file, not a folder", e);
        } catch (AccessDeniedException e) {
            throw new IOException("the outbox folder " + folder + " is not writable (permission denied on " + e.getFile()
                    + "); the gateway must be able to write its packets there", e);
        } catch (FileSystemException e) {
            throw new IOException("the outbox folder " + folder + " cannot be used: " + e.getMessage(), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IOException("the outbox in " + folder + " is open in another process; only one gateway may use it");
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("the outbox in " + folder + " is already open in this process", e);
        }
    }

    private static void closeQuietly(Store store, FileChannel lockFile) {
        try {
            if (store != null) {
                store.close();
            }
        } catch (SQLException e) {
            // the error that made the open fail is the one to report
        }
        try {
            lockFile.close();
        } catch (IOException e) {
            // as above
        }
    }

    /** Removes what crashes left behind and marks rows whose packet is gone or has another size (see {@link Integrity}). */
    private Integrity reconcile() throws IOException, SQLException {
        List<Row> rows = store.all();
        Set<String> referenced = new HashSet<>();
        for (Row r : rows) {
            referenced.add(files.packet(r.caseId()).getFileName().toString());
            if (r.hasMedia()) {
                referenced.add(files.media(r.caseId()).getFileName().toString());
            }
        }
        int temporary = 0;
        List<String> unreferenced = new ArrayList<>();
        for (String name : files.names()) {
            Path file = files.folder().resolve(name);
            if (!Files.isRegularFile(file) || referenced.contains(name) || PacketFiles.isCheckpoint(name)) {
                continue;
            }
            Files.delete(file);
            if (PacketFiles.isTemporary(name)) {
                temporary++;
            } else {
                unreferenced.add(name);
            }
        }
        if (temporary > 0 || !unreferenced.isEmpty()) {
            files.sync();
        }
        List<String> missing = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        List<String> missingImages = new ArrayList<>();
        long bytes = 0;
        for (Row r : rows) {
            Path packet = files.packet(r.caseId());
            String damage = null;
            if (!Files.isRegularFile(packet)) {
                damage = "packet file missing";
                missing.add(r.caseId());
            } else if (Files.size(packet) != r.size()) {
                damage = "packet file is " + Files.size(packet) + " bytes, " + r.size() + " were stored";
                corrupt.add(r.caseId());
            } else if (r.damage() != null) {
                // restored since it was found damaged: trusted again only with the content that was stored
                if (PacketFiles.sha256(packet).equals(r.sha256())) {
                    store.setDamage(r.caseId(), null);
                } else {
                    corrupt.add(r.caseId());
                }
            }
            if (damage != null && !damage.equals(r.damage())) {
                store.setDamage(r.caseId(), damage);
            }
            if (r.hasMedia() && !Files.isRegularFile(files.media(r.caseId()))) {
                missingImages.add(r.caseId());
                bytes += r.size();
            } else {
                bytes += r.bytesOnDisk();
            }
        }
        store.markShed(missingImages, clock.instant());
        fileBytes = bytes;
        return new Integrity(temporary, unreferenced, missing, corrupt, missingImages);
    }

    /** What {@link #open} found and repaired. */
    public Integrity recovered() {
        return recovered;
    }

    /**
     * Reads every packet (and stored images) and compares its SHA-256 with the one recorded at the put. A packet that
     * differs is marked and no longer handed out by {@link #next}; {@link #open} trusts it again once the stored
     * content is restored.
     */
    public synchronized Integrity verify() throws IOException {
        checkOpen();
        try {
            List<String> missing = new ArrayList<>();
            List<String> corrupt = new ArrayList<>();
            List<String> missingImages = new ArrayList<>();
            for (Row r : store.all()) {
                Path packet = files.packet(r.caseId());
                if (!Files.isRegularFile(packet)) {
                    missing.add(r.caseId());
                    markDamaged(r, "packet file missing");
                } else if (!PacketFiles.sha256(packet).equals(r.sha256())) {
                    corrupt.add(r.caseId());
                    markDamaged(r, "packet file's SHA-256 differs from the one stored");
                }
                Path media = files.media(r.caseId());
                if (r.hasMedia() && (!Files.isRegularFile(media) || !PacketFiles.sha256(media).equals(r.mediaSha256()))) {
                    missingImages.add(r.caseId());
                }
            }
            return new Integrity(0, List.of(), missing, corrupt, missingImages);
        } catch (SQLException e) {
            throw databaseProblem("cannot verify the outbox", e);
        }
    }

    private void markDamaged(Row r, String damage) throws SQLException {
        if (!damage.equals(r.damage())) {
            store.setDamage(r.caseId(), damage);
        }
    }

    /** The last committed packet's link; {@link Link#START} when nothing was ever stored. */
    public synchronized Link head() {
        return head;
    }

    /** Stores a packet without separate images. See {@link #put(String, long, String, Priority, byte[], byte[])}. */
    public Item put(String caseId, long sequence, String manifestSha256, Priority priority, byte[] packet) throws IOException {
        return put(caseId, sequence, manifestSha256, priority, packet, null);
    }

    /**
     * Stores a packet durably: when this returns, the packet and its row are on disk and it is the chain head.
     *
     * @param sequence must be {@code head().sequence() + 1}
     * @param manifestSha256 the SHA-256 of the packet's manifest, lower-case hex: the next packet links to it
     * @param images for compliant records and telemetry only: images kept beside the signed packet as
     *        {@code <caseId>.media.zip}, which the outbox may shed to make room (recorded in the row); {@code null} for
     *        none. A case's images belong inside its packet.
     * @throws IllegalStateException if the sequence does not follow the head
     * @throws IllegalArgumentException if the case id is not a valid file name or is already stored, or a case has
     *         separate images
     * @throws OutboxFullException if non-case data does not fit in the quota even after making room
     * @throws IOException if the disk refuses (full, read-only) or the database cannot commit; nothing of the put stays
     *         visible
     */
    public Item put(String caseId, long sequence, String manifestSha256, Priority priority, byte[] packet, byte[] images)
            throws IOException {
        Item item = store(caseId, sequence, manifestSha256, priority, packet, images);
        for (Consumer<Item> listener : putListeners) {
            try {
                listener.accept(item);
            } catch (RuntimeException e) {
                // a listener's problem is not the put's: the packet is stored
            }
        }
        return item;
    }

    private synchronized Item store(String caseId, long sequence, String manifestSha256, Priority priority, byte[] packet, byte[] images)
            throws IOException {
        checkOpen();
        checkCaseId(caseId);
        Objects.requireNonNull(priority, "priority");
        if (manifestSha256 == null || !SHA256.matcher(manifestSha256).matches()) {
            throw new IllegalArgumentException("the manifest SHA-256 of " + caseId + " must be 64 lower-case hex digits, not " + manifestSha256);
        }
        if (packet == null || packet.length == 0) {
            throw new IllegalArgumentException("the packet of " + caseId + " is empty");
        }
        if (images != null && images.length == 0) {
            images = null;
        }
        if (images != null && priority.isCase()) {
            throw new IllegalArgumentException("the images of case " + caseId + " belong inside its signed packet; separate images are for"
                    + " compliant records and telemetry");
        }
        if (sequence != head.sequence() + 1) {
            throw new IllegalStateException("packet " + caseId + " has sequence " + sequence + " but the chain head is "
                    + head.sequence() + "; the next packet must have sequence " + (head.sequence() + 1));
        }
        try {
            Optional<Row> existing = store.find(caseId);
            if (existing.isPresent()) {
                throw new IllegalArgumentException("case " + caseId + " is already in the outbox (sequence " + existing.get().sequence() + ")");
            }
            boolean withImages = images != null;
            long incoming = packet.length + (withImages ? images.length : 0L);
            if (!fits(incoming)) {
                makeRoom(incoming, priority, packet.length);
            }
            boolean shedOnArrival = withImages && !fits(incoming);
            if (shedOnArrival) {
                withImages = false;
                incoming = packet.length;
            }
            if (!priority.isCase() && !fits(incoming)) {
                throw new OutboxFullException(fullMessage(priority, caseId, incoming));
            }
            writeFiles(caseId, packet, withImages ? images : null);
            Instant now = clock.instant();
            Row row = new Row(caseId, sequence, manifestSha256, priority, State.PENDING, packet.length, PacketFiles.sha256(packet),
                    images == null ? 0 : images.length, images == null ? null : PacketFiles.sha256(images), shedOnArrival ? now : null,
                    now, null, null);
            try {
                store.insert(row);
            } catch (SQLException e) {
                deleteFiles(caseId);
                throw databaseProblem("could not commit " + caseId + "; nothing of it was kept", e);
            }
            head = new Link(sequence, manifestSha256);
            fileBytes += row.bytesOnDisk();
            checkAlarm();
            return item(row);
        } catch (SQLException e) {
            throw databaseProblem("could not store " + caseId, e);
        }
    }

    private static void checkCaseId(String caseId) {
        if (caseId == null || !CASE_ID.matcher(caseId).matches()) {
            throw new IllegalArgumentException("a case id must be 1 to 128 letters, digits, '_' or '-', starting with a letter or digit: "
                    + caseId);
        }
    }

    /** Stages every file first, then renames them all and forces the folder once: one fsync per file, one for the folder. */
    private void writeFiles(String caseId, byte[] packet, byte[] images) throws IOException {
        Path stagedPacket = null;
        Path stagedImages = null;
        try {
            stagedPacket = files.stage(caseId, packet);
            if (images != null) {
                stagedImages = files.stage(caseId + ".media", images);
                files.publish(stagedImages, files.media(caseId));
            }
            files.publish(stagedPacket, files.packet(caseId));
            files.sync();
        } catch (IOException e) {
            if (stagedPacket != null) {
                PacketFiles.deleteQuietly(stagedPacket);
            }
            if (stagedImages != null) {
                PacketFiles.deleteQuietly(stagedImages);
            }
            deleteFiles(caseId);
            throw diskProblem(caseId, packet.length + (images == null ? 0L : images.length), e);
        }
    }

    private void deleteFiles(String caseId) {
        PacketFiles.deleteQuietly(files.packet(caseId));
        PacketFiles.deleteQuietly(files.media(caseId));
    }

    private IOException diskProblem(String caseId, long needed, IOException e) {
        long free;
        try {
            free = Files.getFileStore(files.folder()).getUsableSpace();
        } catch (IOException unknown) {
            free = -1;
        }
        String message = String.valueOf(e.getMessage());
        boolean full = message.contains("No space left") || (free >= 0 && free < needed);
        return new IOException((full ? "the disk holding the outbox is full" : "the outbox folder cannot be written") + ": could not store "
                + caseId + " (" + needed + " bytes) in " + files.folder() + (free >= 0 ? ", " + free + " bytes free" : "") + ": " + message
                + "; nothing of it was kept" + (full ? "; free disk space (the outbox's quota is larger than the disk can hold)" : ""), e);
    }

    private IOException databaseProblem(String what, SQLException e) {
        return databaseProblem(dir, what, e);
    }

    private static IOException databaseProblem(Path folder, String what, SQLException e) {
        String full = e.getErrorCode() == SQLITE_FULL ? "the disk holding the outbox is full: " : "";
        return new IOException(full + what + ": the outbox database " + folder.resolve(DATABASE) + " failed: " + e.getMessage(), e);
    }

    private String fullMessage(Priority priority, String id, long size) {
        Usage u = usage();
        return "outbox full: refusing " + priority.name().toLowerCase() + " " + id + " (" + size + " bytes): " + u.usedBytes() + " of "
                + u.quotaBytes() + " bytes (" + u.percent() + " %) are taken by " + u.pending() + " packets the platform has not acknowledged ("
                + u.unacknowledgedCases() + " of them cases, which are never dropped); nothing acknowledged is left to remove and no"
                + " images to shed. Cases are still stored. Restore the uplink so that the platform acknowledges, or raise the outbox"
                + " quota (" + settings.quotaBytes() + " bytes) if the disk has room";
    }

    /**
     * The last resort is the images of non-case data; acknowledged packets go first because the platform has them.
     *
     * <p>Images are not shed for non-case data that would be refused all the same: when even shedding them all leaves
     * no room for its packet.
     */
    private void makeRoom(long incoming, Priority priority, long packetBytes) throws SQLException {
        remove(store.acknowledged(clock.instant().minus(settings.retention())));
        if (fits(incoming)) {
            return;
        }
        remove(enough(store.acknowledged(null), excess(incoming), Row::bytesOnDisk));
        if (fits(incoming)) {
            return;
        }
        List<Row> sheddable = store.sheddable();
        if (!priority.isCase() && sheddable.stream().mapToLong(Row::mediaSize).sum() < excess(packetBytes)) {
            return;
        }
        List<Row> shed = enough(sheddable, excess(incoming), Row::mediaSize);
        List<String> ids = shed.stream().map(Row::caseId).toList();
        store.markShed(ids, clock.instant());
        for (Row r : shed) {
            PacketFiles.deleteQuietly(files.media(r.caseId()));
            fileBytes -= r.mediaSize();
        }
        syncQuietly(!shed.isEmpty());
    }

    /** The first rows that together free at least {@code bytes}. */
    private static List<Row> enough(List<Row> candidates, long bytes, ToLongFunction<Row> size) {
        List<Row> taken = new ArrayList<>();
        long freed = 0;
        for (Row r : candidates) {
            if (freed >= bytes) {
                break;
            }
            taken.add(r);
            freed += size.applyAsLong(r);
        }
        return taken;
    }

    /** Deletes rows, then their files: a crash in between leaves files without rows, which {@link #open} removes. */
    private void remove(List<Row> rows) throws SQLException {
        store.delete(rows.stream().map(Row::caseId).toList());
        for (Row r : rows) {
            deleteFiles(r.caseId());
            fileBytes -= r.bytesOnDisk();
        }
        syncQuietly(!rows.isEmpty());
    }

    private void syncQuietly(boolean needed) {
        if (!needed) {
            return;
        }
        try {
            files.sync();
        } catch (IOException e) {
            // deletions not yet durable are repeated by the reconciliation at the next open
        }
    }

    private boolean fits(long incoming) {
        return excess(incoming) <= 0;
    }

    private long excess(long incoming) {
        return usedBytes() + incoming - settings.quotaBytes();
    }

    /** Only the files: the database adds a few hundred bytes a packet and a write-ahead log of at most 4 MiB. */
    private long usedBytes() {
        return fileBytes;
    }

    private int percent(long incoming) {
        return (int) Math.min(Integer.MAX_VALUE, (usedBytes() + incoming) * 100 / settings.quotaBytes());
    }

    private void checkAlarm() {
        boolean reached = percent(0) >= settings.alarmPercent();
        if (reached && !alarming) {
            Usage u = usage();
            for (Consumer<Usage> listener : alarmListeners) {
                listener.accept(u);
            }
        }
        alarming = reached;
    }

    /**
     * Adds a listener told (in the thread of the put) each time the usage reaches the alarm percentage; it is told
     * again only after the usage fell below it. The component logs it as {@code ALARM}.
     */
    public void onAlarm(Consumer<Usage> listener) {
        alarmListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Tells {@code listener} of every packet stored from now on, once {@link #put} has made it durable (on the putting
     * thread, after the outbox's lock is released): the uplink sends a new case at once instead of polling for it.
     *
     * @return what to run to stop telling this listener
     */
    public Runnable onPut(Consumer<Item> listener) {
        putListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> putListeners.remove(listener);
    }

    /** Whether the usage is at or above the alarm percentage. */
    public synchronized boolean alarming() {
        return alarming;
    }

    /** Up to {@code max} items not yet acknowledged (nor damaged): not yet sent first, then by priority and sequence. */
    public synchronized List<Item> next(int max) {
        checkOpen();
        if (max <= 0) {
            return List.of();
        }
        try {
            return store.next(max).stream().map(this::item).toList();
        } catch (SQLException e) {
            throw new UncheckedIOException(databaseProblem("cannot read the queue", e));
        }
    }

    /**
     * Up to {@code max} items not yet sent ({@code PENDING}, {@code NOTIFIED}; not damaged), by priority and sequence:
     * the uplink's next work. Unlike {@link #next} it does not read the packets sent and waiting for their
     * acknowledgement (an index holds the unsent ones apart), so its cost does not grow with them.
     */
    public synchronized List<Item> unsent(int max) {
        checkOpen();
        if (max <= 0) {
            return List.of();
        }
        try {
            return store.unsent(max).stream().map(this::item).toList();
        } catch (SQLException e) {
            throw new UncheckedIOException(databaseProblem("cannot read the queue", e));
        }
    }

    /**
     * Up to {@code max} items sent and waiting for their acknowledgement ({@code SENT}; not damaged), by priority and
     * sequence, after {@code after} ({@code null}: from the first): to page once through what an earlier run sent.
     */
    public synchronized List<Item> sent(int max, Item after) {
        checkOpen();
        if (max <= 0) {
            return List.of();
        }
        try {
            return store.sent(max, after == null ? -1 : after.priority().ordinal(), after == null ? 0 : after.sequence()).stream()
                    .map(this::item).toList();
        } catch (SQLException e) {
            throw new UncheckedIOException(databaseProblem("cannot read the queue", e));
        }
    }

    /**
     * Moves several packets forward at once, in one transaction (one flush of the disk, where each of
     * {@link #markNotified}, {@link #markSent} and {@link #acknowledge} costs one): each to its state
     * ({@code NOTIFIED}, {@code SENT} or {@code ACKNOWLEDGED}), or not at all if it has already reached or passed it.
     *
     * @return the case ids that are not in the outbox (never stored, or acknowledged and removed); the others are marked
     */
    public synchronized java.util.Set<String> mark(java.util.Map<String, State> states) {
        checkOpen();
        for (State s : states.values()) {
            if (s == State.PENDING) {
                throw new IllegalArgumentException("packets cannot be marked PENDING: states only move forward");
            }
        }
        try {
            java.util.Set<String> unchanged = new java.util.LinkedHashSet<>(states.keySet());
            store.advance(states, clock.instant()).forEach(unchanged::remove);
            java.util.Set<String> unknown = new java.util.LinkedHashSet<>();
            for (String id : unchanged) {
                if (store.find(id).isEmpty()) {
                    unknown.add(id);
                }
            }
            return unknown;
        } catch (SQLException e) {
            throw new UncheckedIOException(databaseProblem("cannot mark " + states.size() + " packets", e));
        }
    }

    /** The platform was sent a notice of the case. */
    public void markNotified(String caseId) {
        advance(caseId, State.NOTIFIED);
    }

    /** The packet was sent; it stays in {@link #next} (after the unsent ones) until acknowledged. */
    public void markSent(String caseId) {
        advance(caseId, State.SENT);
    }

    /** The platform confirmed it has the packet; the retention starts now. */
    public void acknowledge(String caseId) {
        advance(caseId, State.ACKNOWLEDGED);
    }

    private synchronized void advance(String caseId, State to) {
        Row r = row(caseId).orElseThrow(() -> new IllegalArgumentException("no packet " + caseId
                + " in the outbox: it was never stored, or was acknowledged and then removed"));
        if (r.state().compareTo(to) >= 0) {
            return;
        }
        try {
            store.setState(caseId, to, clock.instant());
        } catch (SQLException e) {
            throw new UncheckedIOException(databaseProblem("cannot mark " + caseId + " " + to, e));
        }
    }

    /** Deletes the packets acknowledged at least the retention ago; returns how many. */
    public synchronized int purge() throws IOException {
        checkOpen();
        try {
            List<Row> due = store.acknowledged(clock.instant().minus(settings.retention()));
            remove(due);
            checkAlarm();
            return due.size();
        } catch (SQLException e) {
            throw databaseProblem("cannot purge", e);
        }
    }

    public synchronized Usage usage() {
        checkOpen();
        try {
            long[] counts = store.unacknowledged();
            long used = usedBytes();
            return new Usage(used, settings.quotaBytes(), percent(0), counts[0], counts[1]);
        } catch (SQLException e) {
            throw new UncheckedIOException(databaseProblem("cannot count the queue", e));
        }
    }

    /**
     * The violation or case for review that has waited longest for the platform's acknowledgement (the lowest sequence
     * not acknowledged), for the gateway's health report; empty when the platform has acknowledged every case.
     */
    public synchronized Optional<Item> oldestUnacknowledgedCase() {
        checkOpen();
        try {
            return store.oldestUnacknowledgedCase().map(this::item);
        } catch (SQLException e) {
            throw new UncheckedIOException(databaseProblem("cannot read the queue", e));
        }
    }

    public synchronized Optional<Item> find(String caseId) {
        return row(caseId).map(this::item);
    }

    /** The separately stored images of a compliant record or telemetry; empty when there are none or they were shed. */
    public synchronized Optional<Path> images(String caseId) {
        return row(caseId).filter(Row::hasMedia).map(r -> files.media(r.caseId()));
    }

    /** When the separately stored images of a record were shed to make room (at its put if they did not fit); empty otherwise. */
    public synchronized Optional<Instant> imagesShed(String caseId) {
        return row(caseId).map(Row::mediaShed);
    }

    private Optional<Row> row(String caseId) {
        checkOpen();
        try {
            return store.find(caseId);
        } catch (SQLException e) {
            throw new UncheckedIOException(databaseProblem("cannot read " + caseId, e));
        }
    }

    private Item item(Row r) {
        return new Item(r.caseId(), r.sequence(), r.priority(), r.state(), files.packet(r.caseId()), r.size(), r.stored());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the outbox in " + dir + " is closed");
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            store.close();
        } catch (SQLException e) {
            throw databaseProblem("cannot close", e);
        } finally {
            lockFile.close();
        }
    }
}
