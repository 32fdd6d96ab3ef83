package org.nsegw.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Roots and proofs against a reference written here straight from RFC 9162 §2.1 (MTH, PATH, PROOF as
 * defined there, on lists), exhaustively for trees of 1 to 20 entries, plus the published CT vectors.
 */
class MerkleTreeTest {

    private static final int MAX = 20;

    @Test
    void rootsMatchTheDefinitionForEverySize() {
        List<byte[]> entries = entries(MAX);
        MerkleTree tree = tree(entries);
        assertThat(tree.root(0)).isEqualTo(sha256());
        for (int n = 1; n <= MAX; n++) {
            assertThat(tree.root(n)).as("size %d", n).isEqualTo(mth(entries.subList(0, n)));
        }
    }

    @Test
    void inclusionProofsMatchTheDefinitionAndVerifyForEveryIndex() {
        List<byte[]> entries = entries(MAX);
        MerkleTree tree = tree(entries);
        for (int n = 1; n <= MAX; n++) {
            byte[] root = tree.root(n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = tree.inclusionProof(m, n);
                assertThat(proof).as("PATH(%d, D[%d])", m, n).usingElementComparator(MerkleTreeTest::compare)
                        .containsExactlyElementsOf(path(m, entries.subList(0, n)));
                byte[] leaf = MerkleTree.leafHash(entries.get(m));
                assertThat(MerkleTree.verifyInclusion(m, n, leaf, proof, root)).as("index %d of %d", m, n).isTrue();
                // Any other index, another leaf, a shorter proof, another root: refused.
                for (int other = 0; other < n; other++) {
                    if (other != m && MerkleTree.verifyInclusion(other, n, leaf, proof, root)) {
                        assertThat(other).as("index %d accepted for the proof of %d of %d", other, m, n).isEqualTo(m);
                    }
                }
                assertThat(MerkleTree.verifyInclusion(m, n, MerkleTree.leafHash(new byte[] {9}), proof, root)).isFalse();
                if (!proof.isEmpty()) {
                    assertThat(MerkleTree.verifyInclusion(m, n, leaf, proof.subList(1, proof.size()), root)).isFalse();
                }
                assertThat(MerkleTree.verifyInclusion(m, n, leaf, proof, tree.root(n - 1))).isFalse();
            }
        }
    }

    @Test
    void consistencyProofsMatchTheDefinitionAndVerifyForEveryPair() {
        List<byte[]> entries = entries(MAX);
        MerkleTree tree = tree(entries);
        for (int n = 1; n <= MAX; n++) {
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                List<byte[]> expected = m == n ? List.of() : subproof(m, entries.subList(0, n), true);
                assertThat(proof).as("PROOF(%d, D[%d])", m, n).usingElementComparator(MerkleTreeTest::compare)
                        .containsExactlyElementsOf(expected);
                assertThat(MerkleTree.verifyConsistency(m, n, proof, tree.root(m), tree.root(n)))
                        .as("%d to %d", m, n).isTrue();
                if (m < n) {
                    assertThat(MerkleTree.verifyConsistency(m, n, proof, tree.root(m - 1 == 0 ? n : m - 1), tree.root(n)))
                            .isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, proof, tree.root(m), tree.root(n - 1))).isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, List.of(), tree.root(m), tree.root(n))).isFalse();
                }
            }
        }
    }

    @Test
    void certificateTransparencyTestVectors() {
        // The eight leaves and roots used by the Certificate Transparency implementations' tests.
        String[] leaves = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
        String[] roots = {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
        MerkleTree tree = new MerkleTree();
        for (String leaf : leaves) {
            tree.append(HexFormat.of().parseHex(leaf));
        }
        for (int n = 1; n <= 8; n++) {
            assertThat(HexFormat.of().formatHex(tree.root(n))).as("size %d", n).isEqualTo(roots[n - 1]);
        }
    }

    // The reference, literally as RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 define it.

    private static byte[] mth(List<byte[]> d) {
        if (d.size() == 1) {
            return sha256(new byte[] {0}, d.get(0));
        }
        int k = 1;
        while (k * 2 < d.size()) {
            k *= 2;
        }
        return sha256(new byte[] {1}, mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    private static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        if (d.size() == 1) {
            return out;
        }
        int k = 1;
        while (k * 2 < d.size()) {
            k *= 2;
        }
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(path(m - k, d.subList(k, d.size())));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        List<byte[]> out = new ArrayList<>();
        if (m == d.size()) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = 1;
        while (k * 2 < d.size()) {
            k *= 2;
        }
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(subproof(m - k, d.subList(k, d.size()), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    private static List<byte[]> entries(int n) {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(("manifest " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return entries;
    }

    private static MerkleTree tree(List<byte[]> entries) {
        MerkleTree tree = new MerkleTree();
        entries.forEach(tree::append);
        return tree;
    }

    private static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compare(a, b);
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
