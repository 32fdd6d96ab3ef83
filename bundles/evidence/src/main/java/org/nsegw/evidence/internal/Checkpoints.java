package org.nsegw.evidence.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nsegw.outbox.Link;
import org.nsegw.packet.Checkpoint;
import org.nsegw.packet.LeafLog;
import org.nsegw.packet.MerkleFrontier;
import org.nsegw.packet.MerkleTree;
import org.nsegw.packet.PacketSigner;
import org.nsegw.packet.PacketVerifier;

/**
 * The gateway's signed tree heads. Every manifest's Merkle leaf is written ahead of its put to the append-only
 * {@code <outbox>/leaves} ({@link LeafLog}, forced to disk), so a checkpoint can cover all manifests since sequence 1
 * although the outbox purges acknowledged packets. The root is kept as a {@link MerkleFrontier} of the committed
 * leaves only; a checkpoint covers exactly the outbox's chain head.
 *
 * <p>Crash safety: a leaf written ahead of a put that never committed is cut off at the next {@link #open} (the log
 * is longer than the head) or at the next {@link #prepare}; leaves missing from the log (a log lost, or a chain
 * begun before checkpoints existed) are read back from the packets still in the outbox, and if one of those is gone
 * the open fails and says which. Checkpoint files are written to a temporary file, forced, renamed and the folder
 * forced. Thread-safe: the worker and the timer both call it.
 */
final class Checkpoints implements AutoCloseable {

    static final String LEAVES = "leaves";

    private final LeafLog leaves;
    private final MerkleFrontier frontier = new MerkleFrontier();
    private final Path packets;
    private final String gatewayId;
    private final PacketSigner signer;
    private final int everyPackets;
    private final Duration every;
    private long lastSize;
    private Instant lastTime;

    private Checkpoints(LeafLog leaves, Path packets, String gatewayId, PacketSigner signer, int everyPackets,
            Duration every, Instant now) {
        this.leaves = leaves;
        this.packets = packets;
        this.gatewayId = gatewayId;
        this.signer = signer;
        this.everyPackets = everyPackets;
        this.every = every;
        this.lastTime = now;
    }

    /**
     * Opens the leaf log of the outbox in {@code outboxDir} and brings it to the chain {@code head}.
     *
     * @throws IOException when the log cannot be used or a leaf it lacks cannot be read back from the outbox
     */
    static Checkpoints open(Path outboxDir, Link head, String gatewayId, PacketSigner signer, int everyPackets,
            Duration every, Instant now) throws IOException {
        Path packets = outboxDir.resolve("packets");
        LeafLog log = LeafLog.open(outboxDir.resolve(LEAVES));
        try {
            Checkpoints c = new Checkpoints(log, packets, gatewayId, signer, everyPackets, every, now);
            if (log.size() > head.sequence()) {
                log.truncate(head.sequence()); // written ahead of a put that never committed
            } else if (log.size() < head.sequence()) {
                c.recover(head);
            }
            for (byte[] leaf : log.all()) {
                c.frontier.appendLeafHash(leaf);
            }
            c.lastSize = c.lastWritten(head.sequence());
            return c;
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** Reads the leaves the log lacks from the packets in the outbox (only valid packets count). */
    private void recover(Link head) throws IOException {
        Map<Long, Path> bySequence = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(packets, "*.zip")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(PacketVerifier.MEDIA_SUFFIX)) {
                    continue;
                }
                PacketVerifier.Result r = PacketVerifier.verify(f, Set.of());
                if (r.ok() && r.sequence() > leaves.size()) {
                    bySequence.put(r.sequence(), f);
                }
            }
        }
        for (long s = leaves.size() + 1; s <= head.sequence(); s++) {
            Path f = bySequence.get(s);
            if (f == null) {
                throw new IOException("the leaf log " + leaves.file() + " ends at sequence " + leaves.size()
                        + " and the outbox no longer holds a valid packet of sequence " + s + " (purged or damaged): "
                        + "no checkpoint over all manifests can be made");
            }
            byte[] manifest = DurableFiles.manifest(f);
            if (s == head.sequence() && !DurableFiles.sha256(manifest).equals(head.manifestSha256())) {
                throw new IOException("the packet of sequence " + s + " (" + f + ") is not the chain head's");
            }
            leaves.append(MerkleTree.leafHash(manifest));
        }
    }

    /** The largest tree size of a checkpoint file already written, at most {@code head}; 0 if none. */
    private long lastWritten(long head) throws IOException {
        long last = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(packets, "checkpoint-*.json")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                try {
                    long size = Long.parseLong(n.substring("checkpoint-".length(), n.length() - ".json".length()));
                    if (size <= head) {
                        last = Math.max(last, size);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        }
        return last;
    }

    /** Writes the leaf of the packet about to be put (sequence {@code sequence}) ahead of the put, forced to disk. */
    synchronized void prepare(long sequence, byte[] manifest) throws IOException {
        if (leaves.size() < sequence - 1) {
            throw new IllegalStateException("leaf log has " + leaves.size() + " leaves; cannot write sequence " + sequence);
        }
        leaves.truncate(sequence - 1);
        leaves.append(MerkleTree.leafHash(manifest));
    }

    /** The packet of {@code sequence} was committed: its leaf joins the tree that checkpoints cover. */
    synchronized void committed(long sequence, byte[] manifest) {
        if (frontier.size() == sequence - 1) {
            frontier.appendLeafHash(MerkleTree.leafHash(manifest));
        }
    }

    /** Signs and writes a checkpoint if {@code everyPackets} came since the last or {@code every} passed with new ones. */
    synchronized Checkpoint checkpointIfDue(Instant now) throws IOException {
        long size = frontier.size();
        if (size > lastSize && (size - lastSize >= everyPackets || !now.isBefore(lastTime.plus(every)))) {
            return write(now);
        }
        return null;
    }

    /** Signs and writes a checkpoint if any packet came since the last (at stop). */
    synchronized Checkpoint checkpointNow(Instant now) throws IOException {
        return frontier.size() > lastSize ? write(now) : null;
    }

    synchronized long treeSize() {
        return frontier.size();
    }

    private Checkpoint write(Instant now) throws IOException {
        Checkpoint c = Checkpoint.sign(gatewayId, frontier.size(), frontier.root(), now, signer);
        DurableFiles.write(packets.resolve(c.fileName()), c.toJson());
        lastSize = c.treeSize();
        lastTime = now;
        return c;
    }

    @Override
    public synchronized void close() throws IOException {
        leaves.close();
    }
}
