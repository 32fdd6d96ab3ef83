package org.nsegw.packet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle leaf hashes of a gateway's manifests ({@link MerkleTree#leafHash} of each manifest), in sequence order,
 * in an append-only file of 32-byte records: record {@code s - 1} is the leaf of sequence {@code s}. It outlives the
 * packets (the outbox purges acknowledged ones), so a checkpoint over all manifests and an inclusion proof for any
 * case can be made at any time. Every append is forced to disk before it returns. A trailing partial record (a crash
 * in the middle of an append) is cut off at {@link #open}. Not thread-safe.
 */
public final class LeafLog implements AutoCloseable {

    public static final int RECORD = 32;

    private final Path file;
    private final FileChannel channel;
    private long size;

    private LeafLog(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    /** Opens (creating) the log; cuts a trailing partial record off. */
    public static LeafLog open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long bytes = channel.size();
            if (bytes % RECORD != 0) {
                channel.truncate(bytes - bytes % RECORD);
                channel.force(true);
            }
            return new LeafLog(file, channel, bytes / RECORD);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The number of leaves: the sequence of the last one. */
    public long size() {
        return size;
    }

    public Path file() {
        return file;
    }

    /** Appends the leaf of sequence {@code size() + 1}, forced to disk. */
    public void append(byte[] leafHash) throws IOException {
        if (leafHash.length != RECORD) {
            throw new IllegalArgumentException("a leaf hash has 32 bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(leafHash);
        long at = size * RECORD;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        channel.force(false);
        size++;
    }

    /** Keeps the first {@code n} leaves (a leaf written ahead of a packet that was never committed goes). */
    public void truncate(long n) throws IOException {
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("cannot keep " + n + " of " + size + " leaves");
        }
        if (n < size) {
            channel.truncate(n * RECORD);
            channel.force(true);
            size = n;
        }
    }

    /** Leaf {@code index} (sequence {@code index + 1}). */
    public byte[] get(long index) throws IOException {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("no leaf " + index + " among " + size);
        }
        ByteBuffer buffer = ByteBuffer.allocate(RECORD);
        long at = index * RECORD;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at + buffer.position());
            if (n < 0) {
                throw new IOException(file + " ended inside leaf " + index);
            }
        }
        return buffer.array();
    }

    /** Every leaf, in order. */
    public List<byte[]> all() throws IOException {
        List<byte[]> leaves = new ArrayList<>();
        for (long i = 0; i < size; i++) {
            leaves.add(get(i));
        }
        return leaves;
    }

    /** The leaves of a log file as lower-case hex, without opening it for writing (tools, the command line). */
    public static List<String> readHex(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> leaves = new ArrayList<>();
        for (int at = 0; at + RECORD <= bytes.length; at += RECORD) {
            byte[] leaf = new byte[RECORD];
            System.arraycopy(bytes, at, leaf, 0, RECORD);
            leaves.add(org.nsegw.packet.internal.Sha256.hex(leaf));
        }
        return leaves;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
