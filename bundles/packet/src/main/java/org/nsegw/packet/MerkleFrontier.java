package org.nsegw.packet;

import java.util.ArrayList;
import java.util.List;

import org.nsegw.packet.internal.Sha256;

/**
 * The compact form of an append-only {@link MerkleTree}: the roots of its perfect subtrees (one per 1-bit of the
 * size, largest first), enough to append and to compute the RFC 9162 root in O(log n) memory without the leaves.
 */
public final class MerkleFrontier {

    /** Roots of the perfect subtrees, left to right (sizes strictly decreasing powers of two). */
    private final List<byte[]> roots = new ArrayList<>();
    private long size;

    /** Appends an entry already hashed with {@link MerkleTree#leafHash}. */
    public void appendLeafHash(byte[] leafHash) {
        if (leafHash.length != 32) {
            throw new IllegalArgumentException("a leaf hash has 32 bytes");
        }
        byte[] carry = leafHash.clone();
        // merge equal-sized subtrees: one per trailing 1-bit of the old size
        for (long s = size; (s & 1) == 1; s >>= 1) {
            carry = MerkleTree.nodeHash(roots.remove(roots.size() - 1), carry);
        }
        roots.add(carry);
        size++;
    }

    public long size() {
        return size;
    }

    /** MTH of all entries appended (RFC 9162 §2.1.1); SHA-256("") when empty. */
    public byte[] root() {
        if (roots.isEmpty()) {
            return Sha256.digest(new byte[0]);
        }
        byte[] r = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            r = MerkleTree.nodeHash(roots.get(i), r);
        }
        return r;
    }
}
