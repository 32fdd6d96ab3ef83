package org.nsegw.packet;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nsegw.packet.internal.Sha256;

/**
 * An append-only Merkle tree with RFC 9162 (Certificate Transparency 2.0) hashing: leaf hash
 * SHA-256(0x00 ‖ entry), node hash SHA-256(0x01 ‖ left ‖ right), the empty tree's hash SHA-256("").
 * The gateway's entries are its manifests' bytes in sequence order. Root, inclusion and consistency
 * proofs follow RFC 9162 §2.1; so do the static verifications, which need no tree.
 */
public final class MerkleTree {

    private final List<byte[]> leaves = new ArrayList<>();

    /** Appends an entry (a manifest's bytes); returns its index. */
    public long append(byte[] entry) {
        leaves.add(leafHash(entry));
        return leaves.size() - 1L;
    }

    /** Appends an entry already hashed with {@link #leafHash}. */
    public void appendLeafHash(byte[] leafHash) {
        if (leafHash.length != 32) {
            throw new IllegalArgumentException("a leaf hash has 32 bytes");
        }
        leaves.add(leafHash.clone());
    }

    public long size() {
        return leaves.size();
    }

    /** The root of the tree of the first {@code n} entries (MTH(D[0:n])). */
    public byte[] root(long n) {
        checkSize(n);
        return n == 0 ? Sha256.digest(new byte[0]) : hash(0, (int) n);
    }

    public byte[] root() {
        return root(size());
    }

    /** The audit path of entry {@code index} in the tree of the first {@code n} entries (PATH(m, D[0:n])). */
    public List<byte[]> inclusionProof(long index, long n) {
        checkSize(n);
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("index " + index + " not in a tree of size " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        path((int) index, 0, (int) n, proof);
        return proof;
    }

    /** The consistency proof from the tree of the first {@code m} entries to that of the first {@code n} (PROOF(m, D[0:n])). */
    public List<byte[]> consistencyProof(long m, long n) {
        checkSize(n);
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("consistency proofs are for 1 <= m <= n: m " + m + ", n " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof((int) m, 0, (int) n, true, proof);
        return proof;
    }

    public static byte[] leafHash(byte[] entry) {
        MessageDigest digest = Sha256.newDigest();
        digest.update((byte) 0);
        digest.update(entry);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = Sha256.newDigest();
        digest.update((byte) 1);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** RFC 9162 §2.1.3.2: whether {@code proof} shows the entry with {@code leafHash} at {@code index} is in the tree of {@code treeSize} with {@code root}. */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 §2.1.4.2: whether {@code proof} shows the tree of {@code n} with {@code newRoot} extends that of {@code m} with {@code oldRoot}. */
    public static boolean verifyConsistency(long m, long n, List<byte[]> proof, byte[] oldRoot, byte[] newRoot) {
        if (m < 1 || m > n) {
            return false;
        }
        if (m == n) {
            return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(m) == 1) {
            path.add(0, oldRoot);
        }
        long fn = m - 1;
        long sn = n - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, oldRoot) && Arrays.equals(sr, newRoot);
    }

    private void checkSize(long n) {
        if (n < 0 || n > leaves.size()) {
            throw new IllegalArgumentException("tree size " + n + " not in 0.." + leaves.size());
        }
    }

    /** The largest power of two smaller than n (n >= 2). */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private byte[] hash(int from, int to) {
        if (to - from == 1) {
            return leaves.get(from);
        }
        int k = split(to - from);
        return nodeHash(hash(from, from + k), hash(from + k, to));
    }

    private void path(int m, int from, int to, List<byte[]> proof) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(m, from, from + k, proof);
            proof.add(hash(from + k, to));
        } else {
            path(m - k, from + k, to, proof);
            proof.add(hash(from, from + k));
        }
    }

    private void subproof(int m, int from, int to, boolean complete, List<byte[]> proof) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                proof.add(hash(from, to));
            }
            return;
        }
        int k = split(n);
        if (m <= k) {
            subproof(m, from, from + k, complete, proof);
            proof.add(hash(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, proof);
            proof.add(hash(from, from + k));
        }
    }
}
