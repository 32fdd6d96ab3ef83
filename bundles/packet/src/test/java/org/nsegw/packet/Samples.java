package org.nsegw.packet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Case fields and entries shaped like the evidence module's, and chains of packets built from them. */
final class Samples {

    /** Key generation costs: one key pair per algorithm for all tests. */
    static final PacketSigner ED25519 = GatewayKeys.generate("Ed25519");
    static final PacketSigner SM2 = GatewayKeys.generate("SM2");
    static final PacketSigner ECDSA_P256 = GatewayKeys.generate("ECDSA-P256");

    private Samples() {
    }

    static Map<String, Object> caseFields(String caseId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("caseId", caseId);
        fields.put("caseUuid", "0b6f3c52-8f55-4c1e-9d7e-5f2b1a3c9e01");
        fields.put("gatewayId", "gw-330106-01");
        fields.put("site", Map.of("code", "330106", "name", "文一西路桥"));
        fields.put("lane", 1);
        fields.put("verdict", Map.of("kind", "VIOLATION", "explanation", "gross 55.2 t over limit 49 t",
                "overloadKg", 6200));
        fields.put("vehicle", Map.of("plateFront", "浙A12345", "plateRear", "浙A12345", "colour", "yellow",
                "confidence", "0.97"));
        fields.put("time", Map.of("utc", "2026-11-23T07:15:02.120Z", "clockSource", "ntp", "synced", true));
        fields.put("devices", List.of(Map.of("id", "wim-L1", "certificate", "JJG 907-2006 no. 2026-118")));
        return fields;
    }

    static List<PacketEntry> entries(long seed) {
        Random random = new Random(seed);
        byte[] front = new byte[2000 + random.nextInt(3000)];
        random.nextBytes(front);
        byte[] rear = new byte[500 + random.nextInt(1000)];
        random.nextBytes(rear);
        return List.of(new PacketEntry("images/front-1.jpg", front), new PacketEntry("images/rear-1.jpg", rear),
                new PacketEntry("raw/wim-L1.bin", "STX 55200 kg 6 axles ETX".getBytes(StandardCharsets.US_ASCII)));
    }

    static BuiltPacket packet(PacketSigner signer) {
        return PacketBuilder.build(caseFields("33010620261123071502001"), entries(1), ChainLink.first(), signer);
    }

    /** A chain of n packets of one gateway. */
    static List<BuiltPacket> chain(int n, PacketSigner signer) {
        List<BuiltPacket> packets = new ArrayList<>();
        ChainLink link = ChainLink.first();
        for (int i = 1; i <= n; i++) {
            BuiltPacket packet = PacketBuilder.build(caseFields(String.format("330106202611230715%02d%03d", i % 60, i)),
                    entries(i), link, signer);
            packets.add(packet);
            link = ChainLink.after(packet);
        }
        return packets;
    }

    static BuiltPacket build(Map<String, ?> fields) {
        return PacketBuilder.build(fields, entries(1), ChainLink.first(), ED25519);
    }

    /** The Merkle tree of the packets' manifests, in order. */
    static MerkleTree tree(List<BuiltPacket> packets) {
        MerkleTree tree = new MerkleTree();
        packets.forEach(p -> tree.append(p.manifest()));
        return tree;
    }
}
