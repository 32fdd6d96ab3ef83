package org.nsegw.evidence.internal.content;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The two names of a case. Both follow from the gateway and the packet's place in the gateway's chain, so that a
 * packet built again for the same link gets the same names.
 *
 * <ul>
 * <li>The case id the platform files it under (its {@code previewCode}): station code + the passage time as
 * {@code yyyyMMddHHmmss} in the site's zone + the chain sequence as 6 digits (modulo 1,000,000). The sequence is unique
 * per gateway; two packets whose sequences are a million apart are months apart, never in the same second.</li>
 * <li>A UUID, unique across gateways: version 5 (SHA-1, RFC 4122 §4.3) of {@code <gateway id>/<sequence>} in the
 * namespace {@link #NAMESPACE}, which is itself the version-5 UUID of the DNS name {@code nsegw.invalid}.</li>
 * </ul>
 */
public final class CaseId {

    /** {@code uuid5(NAMESPACE_DNS, "nsegw.invalid")}. */
    public static final UUID NAMESPACE = UUID.fromString("cbbd9db9-a4fc-5439-9da5-5ebeddc88418");

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final int SERIAL_MODULUS = 1_000_000;

    private CaseId() {
    }

    /** The case id: {@code <station code><yyyyMMddHHmmss><6-digit serial>}, e.g. {@code 330100001202611231015000000042}. */
    public static String of(String stationCode, Instant passageTime, ZoneId zone, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("a chain sequence starts at 1, not " + sequence);
        }
        return stationCode + SECONDS.format(passageTime.atZone(zone))
                + String.format("%06d", sequence % SERIAL_MODULUS);
    }

    /** The case's UUID: version 5 of {@code <gatewayId>/<sequence>} in {@link #NAMESPACE}. */
    public static UUID uuid(String gatewayId, long sequence) {
        return nameBased(NAMESPACE, gatewayId + "/" + sequence);
    }

    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
        h[8] = (byte) ((h[8] & 0x3f) | 0x80); // RFC 4122 variant
        ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}
