package org.nsegw.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.nsegw.packet.PacketBuilder;

/** Small files written whole or not at all, and what the component reads back from stored packets. */
final class DurableFiles {

    private DurableFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target} atomically and durably: a temporary file {@code .tmp-<name>} beside it
     * (which the outbox's recovery removes if a crash leaves it), forced, renamed over the target, the folder forced.
     */
    static void write(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling(".tmp-" + target.getFileName());
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer rest = ByteBuffer.wrap(bytes);
            while (rest.hasRemaining()) {
                ch.write(rest);
            }
            ch.force(false);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** The manifest bytes of a packet file. */
    static byte[] manifest(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.getEntry(PacketBuilder.MANIFEST);
            if (e == null) {
                throw new IOException(zip + " has no " + PacketBuilder.MANIFEST);
            }
            try (InputStream in = z.getInputStream(e)) {
                return in.readAllBytes();
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
