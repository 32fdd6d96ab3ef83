package org.nsegw.evidence.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nsegw.outbox.Link;
import org.nsegw.packet.KeyRotation;
import org.nsegw.packet.PacketSigner;

/**
 * Which key signs the gateway's chain, kept in {@code <outbox>/chain-key} (one line: key id, algorithm, the sequence of
 * the first packet it signs, and the previous key id and algorithm or {@code - -}), so that a changed key is noticed at
 * start and the first packet it signs records the rotation ({@link KeyRotation}), endorsed by the previous key when
 * its private key is still in the key folder (retired, or the file of another algorithm).
 *
 * <p>The file is replaced atomically at start when the key changed, before any packet is signed with the new key; the
 * rotation is still pending while the chain head is below that first sequence, so a crash before the first packet
 * signed with the new key is committed records it again after the restart.
 */
final class ChainKey {

    static final String FILE = "chain-key";
    private static final Pattern SIGNATURE = Pattern.compile(
            "\"signature\":\\{\"algorithm\":\"([^\"]+)\",\"keyId\":\"([0-9a-f]{64})\"\\}");

    /** The record for the packet of {@link #since}, or null when no rotation is pending. */
    private final Map<String, Object> rotation;
    private final long since;
    private final String description;

    private ChainKey(Map<String, Object> rotation, long since, String description) {
        this.rotation = rotation;
        this.since = since;
        this.description = description;
    }

    /**
     * Compares the signer with the key that signed the chain so far and, if it changed, prepares the rotation record.
     *
     * @param keyDir the key folder, where the previous private key may still be (retired or another algorithm's file)
     */
    static ChainKey open(Path outboxDir, Path keyDir, PacketSigner signer, Link head, Instant now) throws IOException {
        Path file = outboxDir.resolve(FILE);
        String[] state = Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ") : null;
        String previousId;
        String previousAlgorithm;
        if (state != null && state.length == 5) {
            boolean pending = head.sequence() < Long.parseLong(state[2]) && !"-".equals(state[3]);
            if (state[0].equals(signer.keyId())) {
                return pending ? rotation(keyDir, state[3], state[4], signer, Long.parseLong(state[2]), now) : none();
            }
            // a key that never signed a committed packet is not the chain's: the rotation is from the one before
            previousId = pending ? state[3] : state[0];
            previousAlgorithm = pending ? state[4] : state[1];
        } else {
            String[] last = head.sequence() == 0 ? null : headKey(outboxDir.resolve("packets"), head);
            if (last == null || last[1].equals(signer.keyId())) {
                write(file, signer.keyId() + " " + signer.algorithm() + " " + (head.sequence() + 1) + " - -");
                return none();
            }
            previousAlgorithm = last[0];
            previousId = last[1];
        }
        long first = head.sequence() + 1;
        write(file, signer.keyId() + " " + signer.algorithm() + " " + first + " " + previousId + " " + previousAlgorithm);
        return rotation(keyDir, previousId, previousAlgorithm, signer, first, now);
    }

    private static ChainKey none() {
        return new ChainKey(null, 0, null);
    }

    private static ChainKey rotation(Path keyDir, String previousId, String previousAlgorithm, PacketSigner signer,
            long since, Instant now) throws IOException {
        PacketSigner previous = KeyRotation.retired(keyDir, previousId, previousAlgorithm);
        String reason = "the private key " + previousId + " is neither in " + keyDir.resolve(KeyRotation.RETIRED)
                + " nor in " + keyDir + " (lost or removed)";
        Map<String, Object> record = KeyRotation.record(previousId, previousAlgorithm, previous, signer, now, reason);
        String description = "the gateway's key changed from " + previousAlgorithm + " " + previousId + " to "
                + signer.algorithm() + " " + signer.keyId() + "; packet " + since + " records the rotation, "
                + (previous != null ? "endorsed by the previous key" : "NOT endorsed: " + reason
                        + "; the platform must establish the new key out of band");
        return new ChainKey(record, since, description);
    }

    /** The algorithm and key id of the chain head's packet if the outbox still has it; null if not. */
    private static String[] headKey(Path packets, Link head) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(packets, "*.zip")) {
            for (Path f : files) {
                byte[] manifest = manifest(f);
                if (manifest != null && DurableFiles.sha256(manifest).equals(head.manifestSha256())) {
                    Matcher m = SIGNATURE.matcher(new String(manifest, StandardCharsets.UTF_8));
                    return m.find() ? new String[] {m.group(1), m.group(2)} : null;
                }
            }
        }
        return null;
    }

    private static byte[] manifest(Path zip) {
        try {
            return DurableFiles.manifest(zip);
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, String line) throws IOException {
        DurableFiles.write(file, (line + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The {@link KeyRotation#FIELD} record the packet of {@code sequence} must carry; null if none. */
    Map<String, Object> rotationAt(long sequence) {
        return rotation != null && sequence == since ? rotation : null;
    }

    /** What to log at start; null when the key did not change. */
    String description() {
        return description;
    }

    /** Whether the rotation is endorsed by the previous key (false when there is none). */
    boolean endorsed() {
        return rotation != null && rotation.get("endorsement") != null;
    }
}
