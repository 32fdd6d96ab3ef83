package org.nsegw.anpr.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.nsegw.anpr.internal.event.Picture;
import org.nsegw.api.evidence.MediaRef;

/**
 * The images of plate reads, on disk before the camera is told the read arrived: every file is written and forced
 * to disk in a temporary folder, which is then renamed into place in one step and the parent forced too. A read's
 * folder therefore either holds everything or does not exist, also after a power cut, and a second push of the same
 * event finds it and is recognised as a duplicate.
 *
 * <p>Layout: {@code media/anpr/<camera>/<yyyy-MM-dd>/<event>/} with the pictures and {@code read.json}.
 */
public final class MediaStore {

    /** The file that describes the read, written last. */
    public static final String READ_FILE = "read.json";

    private final Path dataDir;
    private final Path root;

    public MediaStore(Path dataDir) {
        this.dataDir = dataDir;
        this.root = dataDir.resolve("media").resolve("anpr");
    }

    /**
     * Where a read is or will be.
     *
     * @param day the day of the read by the camera's clock (stable across the camera's retries)
     */
    public Path folder(String camera, LocalDate day, String eventId) {
        return root.resolve(safe(camera)).resolve(day.toString()).resolve(safe(eventId));
    }

    /** Whether this read is already stored: the camera pushed it again. */
    public boolean has(String camera, LocalDate day, String eventId) {
        return Files.isRegularFile(folder(camera, day, eventId).resolve(READ_FILE));
    }

    /**
     * Stores a read durably.
     *
     * @param read the read's description, as {@code read.json}
     * @return the pictures as media references, relative to the data directory
     * @throws FileAlreadyExistsException if the read is already stored
     * @throws IOException when the disk refuses (full, read-only): the camera must not be told the read arrived
     */
    public List<MediaRef> store(String camera, LocalDate day, String eventId, List<Picture> pictures, String read) throws IOException {
        Path target = folder(camera, day, eventId);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(".tmp-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        List<MediaRef> refs = new ArrayList<>();
        try {
            int n = 0;
            for (Picture p : pictures) {
                String name = String.format("%02d-%s.jpg", ++n, p.role());
                byte[] jpeg = p.jpeg();
                write(tmp.resolve(name), jpeg);
                refs.add(new MediaRef(p.role(), dataDir.relativize(target.resolve(name)).toString().replace('\\', '/'),
                        "image/jpeg", jpeg.length, sha256(jpeg)));
            }
            write(tmp.resolve(READ_FILE), read.getBytes(StandardCharsets.UTF_8));
            force(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
                throw new FileAlreadyExistsException(target.toString()); // stored by a concurrent push of the same event
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the data directory's file system cannot rename atomically: " + dataDir, e);
            }
            force(parent);
            return refs;
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Removes the temporary folders a crash left behind in one camera's media; called when the camera starts, before
     * it accepts reads (another camera's folders are left alone: it may be storing right now).
     *
     * @return how many were removed
     */
    public int cleanUp(String camera) throws IOException {
        Path dir = root.resolve(safe(camera));
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            leftovers = walk.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
        }
        for (Path p : leftovers) {
            deleteTree(p);
        }
        return leftovers.size();
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    private static void force(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** A file-name-safe form of an id: letters, digits, '.', '_', '-'; anything else replaced, with a hash against clashes. */
    static String safe(String id) {
        String cleaned = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (cleaned.equals(id) && !id.startsWith(".") && !id.isEmpty() && id.length() <= 100) {
            return id;
        }
        String head = cleaned.replaceAll("^\\.+", "_");
        return (head.length() > 60 ? head.substring(0, 60) : head) + "-" + sha256(id.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
