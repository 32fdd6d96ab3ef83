package org.nsegw.outbox.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The folder {@code packets/}: a packet is {@code <caseId>.zip}, the separately stored images of a compliant record
 * {@code <caseId>.media.zip}. A file is first written as {@code .tmp-*} and forced to disk, then renamed into place;
 * the folder itself is forced once for all the renames of a put. A file with its final name is therefore complete.
 */
public final class PacketFiles {

    static final String TEMP_PREFIX = ".tmp-";
    private static final String PACKET_SUFFIX = ".zip";
    private static final String MEDIA_SUFFIX = ".media.zip";

    private final Path folder;
    private final AtomicLong tempCounter = new AtomicLong();

    public PacketFiles(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public Path packet(String caseId) {
        return folder.resolve(caseId + PACKET_SUFFIX);
    }

    public Path media(String caseId) {
        return folder.resolve(caseId + MEDIA_SUFFIX);
    }

    /**
     * Writes bytes to a temporary file beside the target and forces them to disk (the file's size with them).
     *
     * @return the temporary file, to be {@linkplain #publish published} or deleted
     */
    public Path stage(String name, byte[] bytes) throws IOException {
        Path temp = folder.resolve(TEMP_PREFIX + name + "-" + tempCounter.incrementAndGet());
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer rest = ByteBuffer.wrap(bytes);
            while (rest.hasRemaining()) {
                ch.write(rest);
            }
            ch.force(false);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** Renames a staged file to its final name; durable once {@link #sync()} has returned. */
    public void publish(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the outbox's file system cannot rename atomically: " + folder, e);
        }
    }

    /** Forces the folder, so that renames and deletions in it survive a power cut. */
    public void sync() throws IOException {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Every file in the folder, by name. */
    public List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                names.add(f.getFileName().toString());
            }
        }
        return names;
    }

    /** SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of bytes, lower-case hex. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Whether the file is a signed checkpoint ({@code checkpoint-<treeSize>.json}) that the evidence component keeps
     * beside the packets: not the outbox's, so never removed as left over.
     */
    public static boolean isCheckpoint(String name) {
        return name.startsWith("checkpoint-") && name.endsWith(".json");
    }

    public static boolean isTemporary(String name) {
        return name.startsWith(TEMP_PREFIX);
    }

    /** Deletes quietly: used where the deletion is a clean-up that {@code open} repeats if it fails now. */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the reconciliation at the next open
        }
    }
}
