package org.nsegw.packet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.nsegw.packet.internal.Sha256;

/**
 * Inclusion and consistency proofs (RFC 9162 §2.1.3, §2.1.4) in the lower-case hex form a tool prints and the
 * platform reads, made from a gateway's leaf hashes ({@link LeafLog}, {@code <data>/outbox/leaves}). A case's
 * proof against a checkpoint is checked with {@link Checkpoint#includes} or {@link #verifyInclusion}.
 */
public final class Proofs {

    private Proofs() {
    }

    /** The audit path of the case with {@code sequence} in the tree of the first {@code treeSize} leaves. */
    public static List<String> inclusion(List<String> leafHashes, long sequence, long treeSize) {
        return hex(tree(leafHashes).inclusionProof(sequence - 1, treeSize));
    }

    /** {@link #inclusion(List, long, long)} with the leaves of a leaf log file. */
    public static List<String> inclusion(Path leafLog, long sequence, long treeSize) throws IOException {
        return inclusion(LeafLog.readHex(leafLog), sequence, treeSize);
    }

    /** The consistency proof from the checkpoint of {@code oldSize} to that of {@code newSize}. */
    public static List<String> consistency(List<String> leafHashes, long oldSize, long newSize) {
        return hex(tree(leafHashes).consistencyProof(oldSize, newSize));
    }

    /** Whether the manifest with {@code sequence} is among those {@code checkpoint} covers, by {@code proof} (hex). */
    public static boolean verifyInclusion(Checkpoint checkpoint, byte[] manifest, long sequence, List<String> proof) {
        for (String p : proof) {
            if (!Sha256.isHex(p)) {
                return false;
            }
        }
        return checkpoint.includes(manifest, sequence, proof.stream().map(Sha256::unhex).toList());
    }

    private static MerkleTree tree(List<String> leafHashes) {
        MerkleTree tree = new MerkleTree();
        for (String leaf : leafHashes) {
            if (!Sha256.isHex(leaf)) {
                throw new IllegalArgumentException("not a leaf hash (64 lower-case hex digits): " + leaf);
            }
            tree.appendLeafHash(Sha256.unhex(leaf));
        }
        return tree;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(Sha256::hex).toList();
    }
}
