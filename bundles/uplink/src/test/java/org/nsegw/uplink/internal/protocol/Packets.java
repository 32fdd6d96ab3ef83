package org.nsegw.uplink.internal.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.PacketBuilder;
import org.nsegw.packet.PacketEntry;
import org.nsegw.packet.PacketSigner;

/** Real signed packets for the tests, with the case fields the evidence component writes. */
public final class Packets {

    private static final PacketSigner SIGNER = GatewayKeys.generate("Ed25519");

    private Packets() {
    }

    /** The key id of the signer of every packet made here: what the platform trusts. */
    public static String keyId() {
        return SIGNER.keyId();
    }

    /** The checkpoint of the first {@code treeSize} of {@code chain}, signed by the packets' key, as the gateway writes it. */
    public static byte[] checkpoint(List<BuiltPacket> chain, int treeSize) {
        org.nsegw.packet.MerkleTree tree = new org.nsegw.packet.MerkleTree();
        chain.subList(0, treeSize).forEach(p -> tree.append(p.manifest()));
        return org.nsegw.packet.Checkpoint.sign("hz-test-gw1", tree, treeSize, java.time.Instant.parse("2026-11-23T08:00:00Z"),
                SIGNER).toJson();
    }

    /** A packet whose one image entry has {@code imageBytes} random (incompressible) bytes. */
    public static BuiltPacket packet(String caseId, ChainLink link, int imageBytes) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("caseId", caseId);
        f.put("uuid", "0b4b5c1e-0000-5000-8000-000000000042");
        f.put("gatewayId", "hz-test-gw1");
        f.put("lane", "L2");
        f.put("passage", Map.of("id", "P-" + caseId, "time", "2026-11-23T02:15:07.250Z"));
        f.put("verdict", Map.of("outcome", "VIOLATION", "enforcementCode", "16009"));
        f.put("vehicle", Map.of("plate", "浙A12345", "trailerPlate", "浙F0123挂"));
        byte[] image = new byte[imageBytes];
        new Random(caseId.hashCode()).nextBytes(image);
        return PacketBuilder.build(f, List.of(new PacketEntry("images/1-cam-plate.jpg", image)), link, SIGNER);
    }
}
