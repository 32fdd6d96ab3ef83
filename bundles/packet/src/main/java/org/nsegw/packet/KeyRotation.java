package org.nsegw.packet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nsegw.packet.internal.Json;
import org.nsegw.packet.internal.Pem;
import org.nsegw.packet.internal.Sha256;
import org.nsegw.packet.internal.SignatureScheme;

/**
 * A change of the gateway's signing key, recorded in the chain: the first packet signed with the new key carries in
 * its manifest the case field {@value #FIELD}, an object with the previous and the new key id and algorithm, the new
 * public key's PEM, the time, and the {@code endorsement}: base64 of the previous key's signature over the 32 bytes of
 * SHA-256 of the new public key (DER), that is over the new key id's bytes. When the previous private key is lost,
 * {@code endorsement} is null and {@code reason} says why; the verifier reports that as a warning the platform must
 * resolve (by registering the new key out of band).
 *
 * <p>Keys are retired into {@code <keys>/retired/<keyId>.pem} ({@link #retire}), so that the gateway can still
 * endorse the new key with the old one after the file was replaced.
 */
public final class KeyRotation {

    /** The manifest member. */
    public static final String FIELD = "keyRotation";
    /** The folder of the key directory that retired key files are kept in. */
    public static final String RETIRED = "retired";

    private KeyRotation() {
    }

    /**
     * The {@value #FIELD} object for the first packet signed by {@code next}: endorsed by {@code previous} when its
     * private key is there, else with {@code endorsement: null} and {@code reasonWithoutEndorsement}.
     */
    public static Map<String, Object> record(String previousKeyId, String previousAlgorithm, PacketSigner previous,
            PacketSigner next, Instant time, String reasonWithoutEndorsement) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("previousKeyId", previousKeyId);
        m.put("previousAlgorithm", previousAlgorithm);
        m.put("keyId", next.keyId());
        m.put("algorithm", next.algorithm());
        m.put("publicKey", next.publicKeyPem());
        m.put("time", time.toString());
        if (previous != null) {
            if (!previous.keyId().equals(previousKeyId)) {
                throw new IllegalArgumentException("the endorsing key is " + previous.keyId() + ", not " + previousKeyId);
            }
            m.put("endorsement", Base64.getEncoder().encodeToString(previous.sign(Sha256.unhex(next.keyId()))));
        } else {
            m.put("endorsement", null);
            m.put("reason", reasonWithoutEndorsement);
        }
        return m;
    }

    /**
     * Moves the key file of {@code algorithm} in {@code dir} to {@code dir/retired/<keyId>.pem} (owner-only) and makes a
     * new key pair; returns the new signer. The retired key can still endorse the new one ({@link #retired}).
     */
    public static PacketSigner rotate(Path dir, String algorithm) throws IOException {
        synchronized (GatewayKeys.class) {
            Path file = GatewayKeys.keyFile(dir, algorithm);
            if (Files.exists(file)) {
                PacketSigner old = GatewayKeys.loadOrCreate(dir, algorithm);
                Path retired = dir.resolve(RETIRED);
                if (!Files.isDirectory(retired)) {
                    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                        Files.createDirectory(retired, PosixFilePermissions.asFileAttribute(EnumSet.of(
                                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                PosixFilePermission.OWNER_EXECUTE)));
                    } else {
                        Files.createDirectory(retired);
                    }
                }
                try {
                    Files.move(file, retired.resolve(old.keyId() + ".pem"), StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(file, retired.resolve(old.keyId() + ".pem"));
                }
            }
            return GatewayKeys.loadOrCreate(dir, algorithm);
        }
    }

    /**
     * The private key {@code keyId} of {@code algorithm} if the key directory still has it: retired
     * ({@code retired/<keyId>.pem}) or still in place (the algorithm was switched); null if not.
     */
    public static PacketSigner retired(Path dir, String keyId, String algorithm) throws IOException {
        for (Path file : List.of(dir.resolve(RETIRED).resolve(keyId + ".pem"), GatewayKeys.keyFile(dir, algorithm))) {
            if (Files.isRegularFile(file)) {
                try {
                    PacketSigner s = GatewayKeys.fromPem(Files.readString(file, StandardCharsets.US_ASCII), algorithm);
                    if (s.keyId().equals(keyId)) {
                        return s;
                    }
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    // not that key
                }
            }
        }
        return null;
    }

    /**
     * The chain problems of a key change between two consecutive valid packets: {@code manifest} (signed by
     * {@code keyId}) after {@code previousManifest} (signed by {@code previousKeyId} with {@code previousPublicDer}).
     * Empty when the key did not change and nothing is recorded, or when the change is recorded and endorsed.
     */
    public static List<String> check(String packet, long sequence, byte[] manifest, String keyId, String previousPacket,
            byte[] previousManifest, String previousKeyId, byte[] previousPublicDer) {
        List<String> problems = new ArrayList<>();
        Map<?, ?> m = object(manifest);
        Object rotation = m == null ? null : m.get(FIELD);
        String where = packet + " (sequence " + sequence + ")";
        if (keyId == null || previousKeyId == null) {
            return problems;
        }
        if (rotation == null) {
            if (!keyId.equals(previousKeyId)) {
                problems.add(where + " is signed with key " + keyId + " but " + previousPacket + " with key "
                        + previousKeyId + ", and no key rotation is recorded (key swapped?)");
            }
            return problems;
        }
        if (!(rotation instanceof Map<?, ?> r)) {
            problems.add(where + ": " + FIELD + " is not an object");
            return problems;
        }
        if (keyId.equals(previousKeyId)) {
            problems.add(where + " records a key rotation but is signed with the same key " + keyId + " as " + previousPacket);
            return problems;
        }
        if (!previousKeyId.equals(r.get("previousKeyId")) || !keyId.equals(r.get("keyId"))) {
            problems.add(where + " records a key rotation from " + r.get("previousKeyId") + " to " + r.get("keyId")
                    + ", but " + previousPacket + " is signed with " + previousKeyId + " and it with " + keyId);
            return problems;
        }
        if (!(r.get("publicKey") instanceof String pem) || !keyId.equals(keyIdOf(pem))) {
            problems.add(where + ": the key rotation's publicKey is not the key " + keyId);
            return problems;
        }
        Map<?, ?> previous = object(previousManifest);
        Object previousAlgorithm = previous != null && previous.get("signature") instanceof Map<?, ?> s
                ? s.get("algorithm") : null;
        Object endorsement = r.get("endorsement");
        if (endorsement == null) {
            problems.add("warning: " + where + " records a key rotation from " + previousKeyId + " to " + keyId
                    + " without an endorsement by the previous key (" + r.get("reason") + "): the platform must"
                    + " establish the new key out of band");
            return problems;
        }
        boolean valid;
        try {
            valid = endorsement instanceof String e && previousAlgorithm instanceof String a
                    && a.equals(r.get("previousAlgorithm"))
                    && SignatureScheme.named(a).verify(previousPublicDer, Sha256.unhex(keyId), Base64.getDecoder().decode(e));
        } catch (IllegalArgumentException | IllegalStateException e) {
            valid = false;
        }
        if (!valid) {
            problems.add(where + ": the endorsement of key " + keyId + " is not a valid signature by the previous key "
                    + previousKeyId + " (of " + previousPacket + ")");
        }
        return problems;
    }

    private static String keyIdOf(String pem) {
        try {
            return Sha256.hexDigest(Pem.decode(pem, "PUBLIC KEY"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<?, ?> object(byte[] json) {
        try {
            return Json.parse(json) instanceof Map<?, ?> m ? m : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
