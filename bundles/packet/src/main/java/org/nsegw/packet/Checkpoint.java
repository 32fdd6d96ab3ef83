package org.nsegw.packet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nsegw.packet.internal.Json;
import org.nsegw.packet.internal.Pem;
import org.nsegw.packet.internal.Sha256;
import org.nsegw.packet.internal.SignatureScheme;

/**
 * A signed tree head: the gateway states that its first {@code treeSize} manifests (sequences
 * 1..treeSize, in order) have the Merkle root {@code rootHash} ({@link MerkleTree}) at {@code time}.
 * Stored as RFC 8785 canonical JSON; the signature covers the canonical JSON of every member except
 * "signature" (base64 of the raw signature). {@code gatewayId} is the packets' "gatewayId", or "" when
 * they carry none (the chain is then that of the key).
 */
public record Checkpoint(String gatewayId, long treeSize, byte[] rootHash, String time, String algorithm,
        String keyId, byte[] signature) {

    public static final String FORMAT = "nsegw-checkpoint/1";

    /** Signs the head of the first {@code treeSize} entries of {@code tree}. */
    public static Checkpoint sign(String gatewayId, MerkleTree tree, long treeSize, Instant time, PacketSigner signer) {
        Checkpoint unsigned = new Checkpoint(gatewayId, treeSize, tree.root(treeSize), time.toString(),
                signer.algorithm(), signer.keyId(), new byte[0]);
        return new Checkpoint(gatewayId, treeSize, unsigned.rootHash, unsigned.time, unsigned.algorithm,
                unsigned.keyId, signer.sign(unsigned.signedBytes()));
    }

    /** Signs the head of {@code treeSize} entries whose root was computed elsewhere (e.g. a {@link MerkleFrontier}). */
    public static Checkpoint sign(String gatewayId, long treeSize, byte[] rootHash, Instant time, PacketSigner signer) {
        Checkpoint unsigned = new Checkpoint(gatewayId, treeSize, rootHash.clone(), time.toString(), signer.algorithm(),
                signer.keyId(), new byte[0]);
        return new Checkpoint(gatewayId, treeSize, unsigned.rootHash, unsigned.time, unsigned.algorithm,
                unsigned.keyId, signer.sign(unsigned.signedBytes()));
    }

    /** The usual file name: checkpoint-&lt;treeSize&gt;.json. */
    public String fileName() {
        return "checkpoint-" + treeSize + ".json";
    }

    private static final Pattern FILE_NAME = Pattern.compile("checkpoint-([1-9][0-9]{0,17})\\.json");

    /**
     * The checkpoint files in {@code dir} by tree size, as {@link #fileName()} names them (other names are left out);
     * empty if {@code dir} is not a folder. The files are not read.
     */
    public static NavigableMap<Long, Path> filesIn(Path dir) throws IOException {
        TreeMap<Long, Path> found = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "checkpoint-*.json")) {
            for (Path f : files) {
                Matcher m = FILE_NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    found.put(Long.parseLong(m.group(1)), f);
                }
            }
        }
        return found;
    }

    /** The bytes the signature covers: the canonical JSON without "signature". */
    public byte[] signedBytes() {
        return Json.canonical(members(false));
    }

    /** The checkpoint file's bytes. */
    public byte[] toJson() {
        return Json.canonical(members(true));
    }

    private Map<String, Object> members(boolean withSignature) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("gatewayId", gatewayId);
        m.put("treeSize", treeSize);
        m.put("rootHash", Sha256.hex(rootHash));
        m.put("time", time);
        m.put("algorithm", algorithm);
        m.put("keyId", keyId);
        if (withSignature) {
            m.put("signature", Base64.getEncoder().encodeToString(signature));
        }
        return m;
    }

    /** Whether the signature is valid for {@code publicKeyPem}, which must also be the key named by keyId. */
    public boolean verifySignature(String publicKeyPem) {
        try {
            byte[] der = Pem.decode(publicKeyPem, "PUBLIC KEY");
            return Sha256.hexDigest(der).equals(keyId)
                    && SignatureScheme.named(algorithm).verify(der, signedBytes(), signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Reads a checkpoint file; IllegalArgumentException naming what is wrong with it. */
    public static Checkpoint parse(byte[] json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("format is " + m.get("format") + ", expected " + FORMAT);
        }
        if (!Json.isCanonical(json)) {
            throw new IllegalArgumentException("not in RFC 8785 canonical form");
        }
        if (!(m.get("treeSize") instanceof Long treeSize) || treeSize < 0) {
            throw new IllegalArgumentException("treeSize is not a non-negative integer");
        }
        String root = text(m, "rootHash");
        if (!Sha256.isHex(root)) {
            throw new IllegalArgumentException("rootHash is not 64 lower-case hex digits");
        }
        String time = text(m, "time");
        try {
            Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + time + "' is not an ISO-8601 UTC instant");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(text(m, "signature"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature is not base64");
        }
        if (m.size() != 8) {
            throw new IllegalArgumentException("has members other than format, gatewayId, treeSize, rootHash, time,"
                    + " algorithm, keyId and signature");
        }
        return new Checkpoint(text(m, "gatewayId"), treeSize, Sha256.unhex(root), time, text(m, "algorithm"),
                text(m, "keyId"), signature);
    }

    /** Every problem of the checkpoint file {@code json} checked with {@code publicKeyPem}; empty if it verifies. */
    public static List<String> verify(byte[] json, String publicKeyPem) {
        List<String> problems = new ArrayList<>();
        try {
            if (!parse(json).verifySignature(publicKeyPem)) {
                problems.add("checkpoint signature is not valid for key "
                        + Sha256.hexDigest(Pem.decode(publicKeyPem, "PUBLIC KEY")));
            }
        } catch (IllegalArgumentException e) {
            problems.add("checkpoint " + e.getMessage());
        }
        return problems;
    }

    /**
     * Whether {@code proof} (from {@link MerkleTree#inclusionProof}) shows that the packet with {@code manifest}
     * and {@code sequence} is among the manifests this checkpoint covers: the platform's check of one case.
     */
    public boolean includes(byte[] manifest, long sequence, List<byte[]> proof) {
        return MerkleTree.verifyInclusion(sequence - 1, treeSize, MerkleTree.leafHash(manifest), proof, rootHash);
    }

    /** Whether this checkpoint's root is that of the first treeSize of {@code manifests} (in sequence order). */
    public boolean matches(List<byte[]> manifests) {
        if (manifests.size() < treeSize) {
            return false;
        }
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < treeSize; i++) {
            tree.append(manifests.get(i));
        }
        return java.util.Arrays.equals(tree.root(), rootHash);
    }

    private static String text(Map<?, ?> m, String key) {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(key + " is missing or not a string");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && java.util.Arrays.equals(toJson(), c.toJson());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(toJson());
    }

    @Override
    public String toString() {
        return new String(toJson(), StandardCharsets.UTF_8);
    }
}
