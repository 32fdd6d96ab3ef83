package org.nsegw.emulator.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nsegw.packet.PacketBuilder;
import org.nsegw.packet.PacketVerifier;

/**
 * Whether a reassembled packet may be stored: its digest is the notice's, the packet library verifies it, and it is
 * the case and the gateway it was sent as. Pure; the chain against the stored packets is the receiver's part.
 */
final class PacketCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PacketCheck() {
    }

    /** A packet that passed: its link in the gateway's chain. Or a packet that did not: why. */
    record Outcome(CaseStore.ChainEntry link, String problem, boolean test) {
        Outcome(CaseStore.ChainEntry link, String problem) {
            this(link, problem, false);
        }

        boolean ok() {
            return problem == null;
        }
    }

    /** Whether a packet's manifest says it is a test case ({@code "test": true}); false when it cannot be read. */
    static boolean isTest(byte[] packet) {
        try {
            JsonNode test = JSON.readTree(manifest(packet)).path("test");
            return test.isBoolean() && test.booleanValue();
        } catch (IOException e) {
            return false;
        }
    }

    static Outcome check(byte[] packet, CaseNotice notice, String gateway, Set<String> trustedKeyIds) {
        String sha = sha256(packet);
        if (!sha.equals(notice.packetSha256())) {
            return failed("the packet's SHA-256 " + sha + " is not the notice's packetSha256 " + notice.packetSha256()
                    + " (" + packet.length + " bytes from " + notice.chunks() + " chunks)");
        }
        PacketVerifier.Result result = PacketVerifier.verify(packet, trustedKeyIds);
        if (!result.ok()) {
            return failed("the packet does not verify: " + String.join("; ", result.problems()));
        }
        if (!notice.caseId().equals(result.caseId())) {
            return failed("the packet is case " + result.caseId() + ", not the notice's " + notice.caseId());
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifest(packet));
        } catch (IOException e) {
            return failed("cannot read the manifest again: " + e);
        }
        String packetGateway = manifest.path("gatewayId").asText("");
        if (!packetGateway.equals(gateway)) {
            return failed("the packet's gatewayId '" + packetGateway + "' is not the gateway it came from ('" + gateway
                    + "'): the chain is per gatewayId");
        }
        JsonNode test = manifest.path("test");
        return new Outcome(new CaseStore.ChainEntry(result.sequence(), result.caseId(), result.manifestSha256(),
                manifest.path("previousManifestSha256").asText("")), null, test.isBoolean() && test.booleanValue());
    }

    private static Outcome failed(String problem) {
        return new Outcome(null, problem);
    }

    private static byte[] manifest(byte[] packet) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(packet))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(PacketBuilder.MANIFEST)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new IOException("no " + PacketBuilder.MANIFEST);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
