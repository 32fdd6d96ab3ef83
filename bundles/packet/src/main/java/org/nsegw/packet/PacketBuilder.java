package org.nsegw.packet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nsegw.packet.internal.Json;
import org.nsegw.packet.internal.PacketZip;
import org.nsegw.packet.internal.Sha256;

/** Builds and signs evidence packets. Pure: no files, no clock, no threads. */
public final class PacketBuilder {

    /** The manifest's "format" value of this version. */
    public static final String FORMAT = "nsegw-evidence/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String PUBLIC_KEY = "gateway.pub.pem";

    /** Manifest members the builder writes; case fields may not use them. */
    public static final Set<String> BUILDER_FIELDS = Set.of("format", "entries", "sequence", "previousManifestSha256",
            "signature");

    private PacketBuilder() {
    }

    /**
     * caseFields: JSON-able values only (String, Integer/Long, Boolean, List, Map<String,?>; no floating point — RFC 8785 number
     * forms are a trap: decimals as strings), must contain "caseId" (String). The builder adds: format version, "entries" (name, sha256, size for every entry),
     * "sequence", "previousManifestSha256", "signature" info (algorithm, keyId). Manifest = RFC 8785 canonical JSON bytes.
     * Zip: manifest.json, manifest.sig (raw signature bytes), gateway.pub.pem, then the entries; deterministic (fixed entry times, stored order).
     *
     * @throws IllegalArgumentException naming the first field or entry that breaks these rules
     */
    public static BuiltPacket build(Map<String, ?> caseFields, List<PacketEntry> entries, ChainLink link,
            PacketSigner signer) {
        if (!(caseFields.get("caseId") instanceof String caseId) || caseId.isEmpty()) {
            throw new IllegalArgumentException("caseFields must hold a non-empty String \"caseId\"");
        }
        for (String reserved : BUILDER_FIELDS) {
            if (caseFields.containsKey(reserved)) {
                throw new IllegalArgumentException("caseFields may not hold \"" + reserved + "\": the builder writes it");
            }
        }
        Set<String> names = new HashSet<>();
        List<Map<String, Object>> listed = new ArrayList<>(entries.size());
        for (PacketEntry entry : entries) {
            if (entry.name().equals(MANIFEST) || entry.name().equals(SIGNATURE) || entry.name().equals(PUBLIC_KEY)) {
                throw new IllegalArgumentException("entry name " + entry.name() + " is reserved for the packet itself");
            }
            if (!names.add(entry.name())) {
                throw new IllegalArgumentException("entry name " + entry.name() + " given twice");
            }
            Map<String, Object> item = new LinkedHashMap<>(4);
            item.put("name", entry.name());
            item.put("sha256", Sha256.hexDigest(entry.content()));
            item.put("size", (long) entry.content().length);
            listed.add(item);
        }
        Map<String, Object> manifest = new LinkedHashMap<>(caseFields);
        manifest.put("format", FORMAT);
        manifest.put("entries", listed);
        manifest.put("sequence", link.sequence());
        manifest.put("previousManifestSha256", link.previousManifestSha256());
        manifest.put("signature", Map.of("algorithm", signer.algorithm(), "keyId", signer.keyId()));
        byte[] manifestBytes = Json.canonical(manifest);
        byte[] signature = signer.sign(manifestBytes);

        List<PacketEntry> files = new ArrayList<>(entries.size() + 3);
        files.add(new PacketEntry(MANIFEST, manifestBytes));
        files.add(new PacketEntry(SIGNATURE, signature));
        files.add(new PacketEntry(PUBLIC_KEY, signer.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
        files.addAll(entries);
        return new BuiltPacket(caseId, link.sequence(), PacketZip.write(files), manifestBytes,
                Sha256.hexDigest(manifestBytes));
    }
}
