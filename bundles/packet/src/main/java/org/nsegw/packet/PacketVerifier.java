package org.nsegw.packet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.nsegw.packet.internal.Json;
import org.nsegw.packet.internal.PacketZip;
import org.nsegw.packet.internal.Pem;
import org.nsegw.packet.internal.Sha256;
import org.nsegw.packet.internal.SignatureScheme;

/** Verifies packets, a directory of packets with its chains, and the checkpoints beside them. Pure but for reading files. */
public final class PacketVerifier {

    private PacketVerifier() {
    }

    /** The outcome for one packet; {@code caseId} is null and {@code sequence} 0 when the manifest could not be read. */
    public record Result(String packet, boolean ok, String caseId, long sequence, String manifestSha256,
            List<String> problems) {
    }

    /**
     * The outcome for a directory: each packet, what is wrong with the chains and checkpoints, the checkpoint files that
     * verified, and the keys trusted only because a trusted key endorsed them in a recorded key rotation (key id →
     * the packet that records the rotation).
     */
    public record DirectoryResult(boolean ok, List<Result> packets, List<String> chainProblems, List<String> checkpoints,
            Map<String, String> endorsedKeys) {

        public DirectoryResult {
            packets = List.copyOf(packets);
            chainProblems = List.copyOf(chainProblems);
            checkpoints = List.copyOf(checkpoints);
            endorsedKeys = Collections.unmodifiableMap(new LinkedHashMap<>(endorsedKeys));
        }

        public DirectoryResult(boolean ok, List<Result> packets, List<String> chainProblems) {
            this(ok, packets, chainProblems, List.of(), Map.of());
        }
    }

    /** What to say when no trusted keys are given: the signature then shows integrity, not origin. */
    public static String trustNote(Set<String> trustedKeyIds) {
        return trustedKeyIds.isEmpty()
                ? "no trusted key ids given: each packet was checked against the public key it includes, which shows"
                        + " it is unaltered since signing but not who signed it"
                : "signatures accepted only from the keys " + String.join(", ", trustedKeyIds);
    }

    /**
     * Checks one packet: zip well-formed, manifest canonical, signature valid for the included public key
     * (and, if trusted keys are given, that the key is trusted), every entry listed with matching SHA-256
     * and size, no unlisted or missing entry. Never throws on bad input: every problem named in the result.
     */
    public static Result verify(byte[] zip, Set<String> trustedKeyIds) {
        return inspect("packet", zip, trustedKeyIds).result();
    }

    /** The ending of the image archive a compliant record keeps beside its packet: not a packet itself. */
    public static final String MEDIA_SUFFIX = ".media.zip";

    /** {@link #verify(byte[], Set)} for a packet file; the result names the file. */
    public static Result verify(Path packet, Set<String> trustedKeyIds) {
        return inspect(packet, trustedKeyIds).result();
    }

    /**
     * Every *.zip packet in dir (not the {@code *.media.zip} image archives that compliant records keep beside their
     * packet: their images are listed with their digests in the packet's manifest, and checked against it when present): each verified, plus chain continuity per gateway (sequence 1..n without
     * gaps, each previousManifestSha256 = the previous manifest's hash, no duplicates): names missing
     * sequence numbers, reordered/altered links, deleted cases. Checkpoint files (checkpoint-*.json) in dir
     * are checked against the packets of their gateway. With trusted keys, a key that a trusted key endorsed in a key
     * rotation recorded in the chain (the packet before it signed by the trusted key, the endorsement valid) is trusted
     * too, and so on along the chain; an unendorsed key change is not.
     */
    public static DirectoryResult verifyDirectory(Path dir, Set<String> trustedKeyIds) {
        // (the archives are checked through their packet's manifest, not as packets)
        List<Path> zips = new ArrayList<>();
        List<Path> checkpoints = new ArrayList<>();
        List<String> chainProblems = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".zip") && !name.endsWith(MEDIA_SUFFIX) && Files.isRegularFile(file)) {
                    zips.add(file);
                } else if (name.startsWith("checkpoint-") && name.endsWith(".json") && Files.isRegularFile(file)) {
                    checkpoints.add(file);
                }
            }
        } catch (IOException e) {
            chainProblems.add("cannot list directory " + dir + ": " + e);
            return new DirectoryResult(false, List.of(), chainProblems);
        }
        zips.sort(null);
        checkpoints.sort(null);
        List<Inspected> inspected = new ArrayList<>();
        for (Path zip : zips) {
            inspected.add(checkImagesBeside(zip, inspect(zip, Set.of()))); // trust is decided below, along each chain
        }
        Map<String, String> endorsed = new LinkedHashMap<>();
        if (!trustedKeyIds.isEmpty()) {
            inspected = applyTrust(inspected, trustedKeyIds, endorsed);
        }
        List<Result> results = new ArrayList<>();
        Map<String, Chain> chains = new TreeMap<>();
        for (Inspected packet : inspected) {
            results.add(packet.result());
            if (packet.result().ok()) {
                chains.computeIfAbsent(packet.gateway(), Chain::new).add(packet, chainProblems);
            }
        }
        for (Chain chain : chains.values()) {
            chain.check(chainProblems);
        }
        List<String> verifiedCheckpoints = new ArrayList<>();
        for (Path file : checkpoints) {
            if (checkCheckpoint(file, chains, chainProblems)) {
                verifiedCheckpoints.add(file.getFileName().toString());
            }
        }
        boolean ok = chainProblems.isEmpty() && results.stream().allMatch(Result::ok);
        return new DirectoryResult(ok, results, chainProblems, verifiedCheckpoints, endorsed);
    }

    /**
     * A compliant record's images kept beside its packet ({@code <name>.media.zip}, listed in the manifest's
     * {@code imagesBeside} with SHA-256 and size): when the archive is there, each listed image must be in it, unaltered,
     * and nothing else. An absent archive is no problem: the outbox sheds these images first when space runs short.
     */
    private static Inspected checkImagesBeside(Path zip, Inspected packet) {
        if (!packet.result().ok()) {
            return packet;
        }
        Object listed;
        try {
            listed = Json.parse(packet.manifest()) instanceof Map<?, ?> m ? m.get("imagesBeside") : null;
        } catch (IllegalArgumentException e) {
            return packet; // already named by inspect
        }
        if (!(listed instanceof List<?> images) || images.isEmpty()) {
            return packet;
        }
        String name = zip.getFileName().toString();
        Path media = zip.resolveSibling(name.substring(0, name.length() - ".zip".length()) + MEDIA_SUFFIX);
        if (!Files.isRegularFile(media)) {
            return packet;
        }
        List<String> problems = new ArrayList<>();
        String mediaName = media.getFileName().toString();
        Map<String, byte[]> held = new LinkedHashMap<>();
        try {
            PacketZip.Contents contents = PacketZip.read(Files.readAllBytes(media));
            contents.problems().forEach(p -> problems.add(mediaName + ": " + p));
            contents.entries().forEach(e -> held.put(e.name(), e.content()));
        } catch (IOException e) {
            problems.add("cannot read " + mediaName + ": " + e);
        }
        if (problems.isEmpty()) {
            for (Object o : images) {
                if (!(o instanceof Map<?, ?> image) || !(image.get("name") instanceof String imageName)) {
                    problems.add("manifest imagesBeside holds an entry without a name");
                    continue;
                }
                byte[] content = held.remove(imageName);
                if (content == null) {
                    problems.add(mediaName + ": " + imageName + " is missing (listed in imagesBeside)");
                } else if (!Sha256.hexDigest(content).equals(image.get("sha256"))
                        || !(image.get("size") instanceof Number size) || size.longValue() != content.length) {
                    problems.add(mediaName + ": " + imageName + " does not match the SHA-256 and size imagesBeside lists"
                            + " (image altered or replaced)");
                }
            }
            held.keySet().forEach(extra -> problems.add(mediaName + ": " + extra + " is not listed in imagesBeside"));
        }
        if (problems.isEmpty()) {
            return packet;
        }
        Result r = packet.result();
        List<String> all = new ArrayList<>(r.problems());
        all.addAll(problems);
        return new Inspected(new Result(r.packet(), false, r.caseId(), r.sequence(), r.manifestSha256(), List.copyOf(all)),
                packet.gateway(), packet.keyId(), packet.publicDer(), packet.manifest(), packet.previous());
    }

    /**
     * The packets with trust applied: a packet is trusted when its key is one of {@code trustedKeyIds} or was endorsed,
     * in the packet itself, by the trusted key of the packet before it in its gateway's chain (a valid recorded key
     * rotation); the others fail with the key named. Endorsed keys are added to {@code endorsed}.
     */
    private static List<Inspected> applyTrust(List<Inspected> packets, Set<String> trustedKeyIds, Map<String, String> endorsed) {
        Map<String, TreeMap<Long, Inspected>> byGateway = new TreeMap<>();
        for (Inspected p : packets) {
            if (p.result().ok()) {
                byGateway.computeIfAbsent(p.gateway(), g -> new TreeMap<>()).putIfAbsent(p.result().sequence(), p);
            }
        }
        Set<String> trusted = new HashSet<>(trustedKeyIds);
        for (TreeMap<Long, Inspected> chain : byGateway.values()) {
            for (Inspected p : chain.values()) {
                if (trusted.contains(p.keyId())) {
                    continue;
                }
                Inspected previous = chain.get(p.result().sequence() - 1);
                if (previous != null && trusted.contains(previous.keyId()) && !previous.keyId().equals(p.keyId())
                        && KeyRotation.check(p.result().packet(), p.result().sequence(), p.manifest(), p.keyId(),
                                previous.result().packet(), previous.manifest(), previous.keyId(), previous.publicDer())
                                .isEmpty()) {
                    trusted.add(p.keyId());
                    endorsed.put(p.keyId(), p.result().packet());
                }
            }
        }
        List<Inspected> out = new ArrayList<>(packets.size());
        for (Inspected p : packets) {
            if (!p.result().ok() || trusted.contains(p.keyId())) {
                out.add(p);
                continue;
            }
            Result r = p.result();
            List<String> problems = new ArrayList<>(r.problems());
            problems.add("the packet's key " + p.keyId() + " is not one of the trusted keys, nor endorsed by one in a"
                    + " key rotation recorded in the chain");
            out.add(new Inspected(new Result(r.packet(), false, r.caseId(), r.sequence(), r.manifestSha256(),
                    List.copyOf(problems)), p.gateway(), p.keyId(), p.publicDer(), p.manifest(), p.previous()));
        }
        return out;
    }

    /** A checkpoint is checked with a key that signed valid (so, if asked, trusted) packets of its gateway; true if it verifies. */
    private static boolean checkCheckpoint(Path file, Map<String, Chain> chains, List<String> problems) {
        String name = file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(name + ": cannot read: " + e);
            return false;
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(bytes);
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
            return false;
        }
        String gateway = checkpoint.gatewayId().isEmpty() ? "key " + checkpoint.keyId() : checkpoint.gatewayId();
        Chain chain = chains.get(gateway);
        if (chain == null) {
            problems.add(name + ": no valid packet of gateway " + checkpoint.gatewayId() + " in the directory");
            return false;
        }
        byte[] publicDer = chain.publicKeys.get(checkpoint.keyId());
        if (publicDer == null) {
            problems.add(name + ": signed by key " + checkpoint.keyId() + ", which signed no valid packet of gateway "
                    + checkpoint.gatewayId() + " here");
            return false;
        }
        if (!checkpoint.verifySignature(Pem.encode("PUBLIC KEY", publicDer))) {
            problems.add(name + ": the signature is not valid");
            return false;
        }
        if (checkpoint.treeSize() > chain.bySequence.size() || chain.bySequence.isEmpty()
                || chain.bySequence.lastKey() < checkpoint.treeSize()) {
            problems.add(name + ": covers " + checkpoint.treeSize() + " packets of gateway " + checkpoint.gatewayId()
                    + " but sequence " + (chain.bySequence.isEmpty() ? 1 : chain.bySequence.lastKey() + 1)
                    + " and later are not here (deleted cases?)");
            return false;
        }
        MerkleTree tree = new MerkleTree();
        for (long s = 1; s <= checkpoint.treeSize(); s++) {
            Inspected packet = chain.bySequence.get(s);
            if (packet == null) {
                problems.add(name + ": cannot recompute its root: sequence " + s + " of gateway "
                        + checkpoint.gatewayId() + " is missing");
                return false;
            }
            tree.append(packet.manifest());
        }
        if (!Arrays.equals(tree.root(checkpoint.treeSize()), checkpoint.rootHash())) {
            problems.add(name + ": its root hash does not match the manifests of sequences 1.." + checkpoint.treeSize()
                    + " of gateway " + checkpoint.gatewayId() + " (a case altered or replaced)");
            return false;
        }
        return true;
    }

    /** The valid packets of one gateway, by sequence. */
    private static final class Chain {
        final String gateway;
        final TreeMap<Long, Inspected> bySequence = new TreeMap<>();
        final Map<String, byte[]> publicKeys = new HashMap<>();

        Chain(String gateway) {
            this.gateway = gateway;
        }

        void add(Inspected packet, List<String> problems) {
            Inspected before = bySequence.putIfAbsent(packet.result().sequence(), packet);
            if (before != null) {
                problems.add("gateway " + gateway + ": sequence " + packet.result().sequence() + " appears twice: "
                        + before.result().packet() + " and " + packet.result().packet());
            }
            publicKeys.put(packet.keyId(), packet.publicDer());
        }

        void check(List<String> problems) {
            long expected = 1;
            for (Inspected packet : bySequence.values()) {
                long sequence = packet.result().sequence();
                if (sequence > expected) {
                    problems.add("gateway " + gateway + ": " + range(expected, sequence - 1) + " missing (before "
                            + packet.result().packet() + ")");
                }
                Inspected previous = bySequence.get(sequence - 1);
                if (sequence == 1 && !packet.previous().isEmpty()) {
                    problems.add("gateway " + gateway + ": " + packet.result().packet()
                            + " has sequence 1 but names a previous manifest");
                } else if (previous != null && !packet.previous().equals(previous.result().manifestSha256())) {
                    problems.add("gateway " + gateway + ": " + packet.result().packet() + " (sequence " + sequence
                            + ") does not link to " + previous.result().packet() + " (sequence " + (sequence - 1)
                            + "): its previousManifestSha256 " + packet.previous() + " is not "
                            + previous.result().manifestSha256() + " (chain reordered or a packet replaced)");
                }
                if (previous != null) {
                    problems.addAll(KeyRotation.check(packet.result().packet(), sequence, packet.manifest(), packet.keyId(),
                            previous.result().packet(), previous.manifest(), previous.keyId(), previous.publicDer()));
                }
                expected = sequence + 1;
            }
        }

        private static String range(long from, long to) {
            return from == to ? "sequence " + from + " is" : "sequences " + from + ".." + to + " are";
        }
    }

    /** One packet looked at: its result and what the chain and checkpoint checks need. */
    private record Inspected(Result result, String gateway, String keyId, byte[] publicDer, byte[] manifest,
            String previous) {
    }

    private static Inspected inspect(Path file, Set<String> trustedKeyIds) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] zip;
        try {
            zip = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            return new Inspected(new Result(name, false, null, 0, null, List.of("cannot read " + file + ": " + e)),
                    null, null, null, null, null);
        }
        return inspect(name, zip, trustedKeyIds);
    }

    private static Inspected inspect(String name, byte[] zip, Set<String> trustedKeyIds) {
        List<String> problems = new ArrayList<>();
        PacketZip.Contents contents = PacketZip.read(zip);
        problems.addAll(contents.problems());
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (PacketEntry entry : contents.entries()) {
            if (files.putIfAbsent(entry.name(), entry.content()) != null) {
                problems.add("entry " + entry.name() + " appears twice in the ZIP");
            }
        }
        List<String> order = new ArrayList<>(files.keySet());
        byte[] manifestBytes = files.get(PacketBuilder.MANIFEST);
        byte[] signature = files.get(PacketBuilder.SIGNATURE);
        byte[] pem = files.get(PacketBuilder.PUBLIC_KEY);
        for (String fixed : List.of(PacketBuilder.MANIFEST, PacketBuilder.SIGNATURE, PacketBuilder.PUBLIC_KEY)) {
            if (!files.containsKey(fixed)) {
                problems.add(fixed + " is missing");
            }
        }
        if (manifestBytes == null) {
            return new Inspected(new Result(name, false, null, 0, null, List.copyOf(problems)), null, null, null, null, null);
        }
        String manifestSha256 = Sha256.hexDigest(manifestBytes);
        Map<?, ?> manifest;
        try {
            if (!(Json.parse(manifestBytes) instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            manifest = map;
        } catch (IllegalArgumentException e) {
            problems.add("manifest.json is not valid JSON: " + e.getMessage());
            return new Inspected(new Result(name, false, null, 0, manifestSha256, List.copyOf(problems)), null, null, null, null,
                    null);
        }
        if (!Json.isCanonical(manifestBytes)) {
            problems.add("manifest.json is not in RFC 8785 canonical form (altered after signing)");
        }
        Fields fields = new Fields(manifest, problems);
        if (!PacketBuilder.FORMAT.equals(manifest.get("format"))) {
            problems.add("manifest format is " + manifest.get("format") + ", expected " + PacketBuilder.FORMAT);
        }
        String caseId = fields.string("caseId");
        long sequence = fields.integer("sequence");
        if (sequence == 0) {
            problems.add("manifest sequence is 0; sequences start at 1");
        }
        String previous = fields.string("previousManifestSha256");
        if (previous != null && !(sequence == 1 ? previous.isEmpty() : Sha256.isHex(previous))) {
            problems.add("manifest previousManifestSha256 '" + previous + "' is not " + (sequence == 1 ? "\"\"" : "a SHA-256"));
        }
        Fields signatureInfo = fields.object("signature");
        String algorithm = signatureInfo == null ? null : signatureInfo.string("algorithm");
        String keyId = signatureInfo == null ? null : signatureInfo.string("keyId");
        byte[] publicDer = checkSignature(manifestBytes, signature, pem, algorithm, keyId, trustedKeyIds, problems);
        List<String> listed = checkEntries(fields, files, order, problems);
        if (problems.isEmpty()) {
            // Everything inside is right; the container must also be exactly what the builder writes.
            List<String> expected = new ArrayList<>(List.of(PacketBuilder.MANIFEST, PacketBuilder.SIGNATURE,
                    PacketBuilder.PUBLIC_KEY));
            expected.addAll(listed);
            if (!expected.equals(order)) {
                problems.add("the ZIP holds its entries in the order " + order + ", not the manifest's " + expected
                        + " (the container was rewritten)");
            } else {
                byte[] canonical = PacketZip.write(contents.entries());
                if (!Arrays.equals(canonical, zip)) {
                    problems.add("the ZIP container differs from the one the gateway writes, first at byte "
                            + Arrays.mismatch(canonical, zip) + " (the contents verify; the container was rewritten or"
                            + " altered)");
                }
            }
        }
        String gateway = manifest.get("gatewayId") instanceof String g ? g : "key " + keyId;
        Result result = new Result(name, problems.isEmpty(), caseId, Math.max(sequence, 0), manifestSha256,
                List.copyOf(problems));
        return new Inspected(result, gateway, keyId, publicDer, manifestBytes, previous == null ? "" : previous);
    }

    private static byte[] checkSignature(byte[] manifest, byte[] signature, byte[] pem, String algorithm,
            String keyId, Set<String> trustedKeyIds, List<String> problems) {
        if (signature == null || pem == null || algorithm == null || keyId == null) {
            return null;
        }
        SignatureScheme scheme;
        try {
            scheme = SignatureScheme.named(algorithm);
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add("manifest signature algorithm: " + e.getMessage());
            return null;
        }
        byte[] publicDer;
        try {
            publicDer = Pem.decode(new String(pem, StandardCharsets.US_ASCII), "PUBLIC KEY");
        } catch (IllegalArgumentException e) {
            problems.add("gateway.pub.pem is not a PEM public key: " + e.getMessage());
            return null;
        }
        if (!Arrays.equals(Pem.encode("PUBLIC KEY", publicDer).getBytes(StandardCharsets.US_ASCII), pem)) {
            problems.add("gateway.pub.pem is not laid out as the gateway writes it (altered outside the key itself)");
        }
        String includedId = Sha256.hexDigest(publicDer);
        if (!includedId.equals(keyId)) {
            problems.add("gateway.pub.pem (key " + includedId + ") is not the key the manifest names (" + keyId
                    + "): public key replaced");
        }
        if (!trustedKeyIds.isEmpty() && !trustedKeyIds.contains(includedId)) {
            problems.add("the packet's key " + includedId + " is not one of the trusted keys");
        }
        if (!scheme.acceptsPublicKey(publicDer)) {
            problems.add("gateway.pub.pem is not an " + algorithm + " public key");
        } else if (!scheme.verify(publicDer, manifest, signature)) {
            problems.add("manifest.sig is not a valid " + algorithm + " signature of manifest.json by the key in"
                    + " gateway.pub.pem (manifest or signature altered, or signature swapped)");
        }
        return publicDer;
    }

    /** Checks the listed entries against the files; returns the listed names in order. */
    private static List<String> checkEntries(Fields fields, Map<String, byte[]> files, List<String> order,
            List<String> problems) {
        List<?> entries = fields.list("entries");
        if (entries == null) {
            return List.of();
        }
        List<String> listedOrder = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> map)) {
                problems.add("manifest entries[" + i + "] is not an object");
                continue;
            }
            Fields entry = new Fields(map, problems, "entries[" + i + "].");
            String name = entry.string("name");
            String sha256 = entry.string("sha256");
            long size = entry.integer("size");
            if (name == null) {
                continue;
            }
            if (listedOrder.contains(name)) {
                problems.add("manifest lists entry " + name + " twice");
                continue;
            }
            listedOrder.add(name);
            byte[] content = files.get(name);
            if (content == null || isFixed(name)) {
                problems.add("entry " + name + " is listed in the manifest but missing from the packet");
                continue;
            }
            if (content.length != size) {
                problems.add("entry " + name + ": size " + content.length + " bytes, the manifest says " + size);
            }
            String actual = Sha256.hexDigest(content);
            if (!actual.equals(sha256)) {
                problems.add("entry " + name + ": SHA-256 " + actual + " does not match the manifest's " + sha256
                        + " (content altered)");
            }
        }
        for (String name : order) {
            if (!isFixed(name) && !listedOrder.contains(name)) {
                problems.add("entry " + name + " is in the packet but not listed in the manifest (added)");
            }
        }
        return listedOrder;
    }

    private static boolean isFixed(String name) {
        return name.equals(PacketBuilder.MANIFEST) || name.equals(PacketBuilder.SIGNATURE)
                || name.equals(PacketBuilder.PUBLIC_KEY);
    }

    /** Typed access to manifest members; a missing or mistyped member becomes a named problem. */
    private static final class Fields {
        private final Map<?, ?> map;
        private final List<String> problems;
        private final String prefix;

        Fields(Map<?, ?> map, List<String> problems) {
            this(map, problems, "");
        }

        Fields(Map<?, ?> map, List<String> problems, String prefix) {
            this.map = map;
            this.problems = problems;
            this.prefix = prefix;
        }

        String string(String key) {
            Object value = map.get(key);
            if (value instanceof String s) {
                return s;
            }
            problems.add("manifest " + prefix + key + (value == null ? " is missing" : " is not a string"));
            return null;
        }

        long integer(String key) {
            Object value = map.get(key);
            if (value instanceof Long l && l >= 0) {
                return l;
            }
            problems.add("manifest " + prefix + key + (value == null ? " is missing" : " is not a non-negative integer"));
            return -1;
        }

        List<?> list(String key) {
            Object value = map.get(key);
            if (value instanceof List<?> l) {
                return l;
            }
            problems.add("manifest " + prefix + key + (value == null ? " is missing" : " is not a list"));
            return null;
        }

        Fields object(String key) {
            Object value = map.get(key);
            if (value instanceof Map<?, ?> m) {
                return new Fields(m, problems, prefix + key + ".");
            }
            problems.add("manifest " + prefix + key + (value == null ? " is missing" : " is not an object"));
            return null;
        }
    }
}
