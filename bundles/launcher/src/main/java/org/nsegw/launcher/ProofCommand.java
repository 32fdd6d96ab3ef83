package org.nsegw.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.NavigableMap;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.nsegw.packet.Checkpoint;
import org.nsegw.packet.LeafLog;
import org.nsegw.packet.MerkleTree;
import org.nsegw.packet.PacketBuilder;
import org.nsegw.packet.PacketVerifier;
import org.nsegw.packet.Proofs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nsegw proof}: RFC 9162 inclusion and consistency proofs made from a gateway's leaf log
 * ({@code <data>/outbox/leaves}) against its signed checkpoints, and the platform's check of an inclusion proof.
 */
@Command(name = "proof", description = {
    "Proofs over a gateway's signed checkpoints (RFC 9162): that a case is among those a checkpoint covers",
    "(inclusion), that a later checkpoint extends an earlier one (consistency), and the check of an inclusion proof.",
    "Example: nsegw proof inclusion --data data/hz-bridge-demo-gw1 42 > case42.proof.json",
    "         nsegw proof check --proof case42.proof.json --checkpoint checkpoint-100.json case42.zip"},
        subcommands = {ProofCommand.Inclusion.class, ProofCommand.Consistency.class, ProofCommand.Check.class})
final class ProofCommand implements Callable<Integer> {

    static final String INCLUSION_FORMAT = "nsegw-inclusion-proof/1";
    static final String CONSISTENCY_FORMAT = "nsegw-consistency-proof/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Nsegw.EXIT_INVALID;
    }

    /** The gateway's leaf hashes (hex) from {@code <data>/outbox/leaves}; null, with the reason printed, if there are none. */
    static List<String> leafHashes(Path data, PrintWriter err) throws IOException {
        Path leaves = data.resolve("outbox").resolve("leaves");
        if (!Files.isRegularFile(leaves)) {
            err.println("No leaf log " + leaves + ": not a gateway's data directory, or no case was written yet");
            return null;
        }
        return LeafLog.readHex(leaves);
    }

    static Checkpoint readCheckpoint(Path file) throws IOException {
        try {
            return Checkpoint.parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a checkpoint: " + e.getMessage(), e);
        }
    }

    @Command(name = "inclusion", description = {
        "Print (as JSON) the proof that the case with SEQUENCE is among the cases a checkpoint covers: by default",
        "the newest checkpoint in <data>/outbox/packets that covers it. The proof is checked before it is printed."})
    static final class Inclusion implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "the gateway's data directory")
        Path data;

        @Option(names = "--checkpoint", paramLabel = "FILE", description = "the checkpoint to prove against")
        Path checkpointFile;

        @Parameters(paramLabel = "SEQUENCE", description = "the case's sequence number in the gateway's chain")
        long sequence;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> leafHashes = leafHashes(data, err);
            if (leafHashes == null) {
                return Nsegw.EXIT_INVALID;
            }
            if (sequence < 1 || sequence > leafHashes.size()) {
                err.println("The gateway's chain has sequences 1.." + leafHashes.size() + "; there is no " + sequence);
                return Nsegw.EXIT_INVALID;
            }
            Path file = checkpointFile;
            if (file == null) {
                NavigableMap<Long, Path> all = Checkpoint.filesIn(data.resolve("outbox").resolve("packets"));
                var newest = all.lastEntry();
                if (newest == null || newest.getKey() < sequence) {
                    err.println("No checkpoint covers sequence " + sequence + " yet (newest: "
                            + (newest == null ? "none" : newest.getValue().getFileName()) + "); the gateway signs one every"
                            + " checkpoint.everyPackets packets, every checkpoint.everyMinutes and when it stops");
                    return Nsegw.EXIT_FAILURE;
                }
                file = newest.getValue();
            }
            Checkpoint checkpoint = readCheckpoint(file);
            if (checkpoint.treeSize() < sequence || checkpoint.treeSize() > leafHashes.size()) {
                err.println(file.getFileName() + " covers sequences 1.." + checkpoint.treeSize() + (checkpoint.treeSize()
                        < sequence ? ", not " + sequence : ", more than the leaf log's " + leafHashes.size()));
                return Nsegw.EXIT_FAILURE;
            }
            List<String> path = Proofs.inclusion(leafHashes, sequence, checkpoint.treeSize());
            String leaf = leafHashes.get((int) (sequence - 1));
            if (!MerkleTree.verifyInclusion(sequence - 1, checkpoint.treeSize(), HEX.parseHex(leaf),
                    path.stream().map(HEX::parseHex).toList(), checkpoint.rootHash())) {
                err.println("The leaf log does not match " + file.getFileName() + ": its root is not that of the logged"
                        + " leaves (leaf log or checkpoint altered)");
                return Nsegw.EXIT_FAILURE;
            }
            ObjectNode proof = JSON.createObjectNode();
            proof.put("format", INCLUSION_FORMAT);
            proof.put("gatewayId", checkpoint.gatewayId());
            proof.put("sequence", sequence);
            proof.put("leafHash", leaf);
            proof.put("treeSize", checkpoint.treeSize());
            proof.put("checkpoint", file.getFileName().toString());
            proof.put("rootHash", HEX.formatHex(checkpoint.rootHash()));
            ArrayNode auditPath = proof.putArray("auditPath");
            path.forEach(auditPath::add);
            out.println(proof.toPrettyString());
            out.flush();
            return Nsegw.EXIT_OK;
        }
    }

    @Command(name = "consistency", description = {
        "Print (as JSON) the proof that the gateway's tree of NEW cases extends its tree of OLD cases: that no case",
        "covered by the checkpoint of OLD was changed or removed since. Checked against both checkpoints when present."})
    static final class Consistency implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "the gateway's data directory")
        Path data;

        @Parameters(index = "0", paramLabel = "OLD", description = "the earlier tree size (checkpoint-OLD.json)")
        long oldSize;

        @Parameters(index = "1", paramLabel = "NEW", description = "the later tree size (checkpoint-NEW.json)")
        long newSize;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> leafHashes = leafHashes(data, err);
            if (leafHashes == null) {
                return Nsegw.EXIT_INVALID;
            }
            if (oldSize < 1 || oldSize > newSize || newSize > leafHashes.size()) {
                err.println("Need 1 <= OLD <= NEW <= " + leafHashes.size() + " (the cases in the leaf log)");
                return Nsegw.EXIT_INVALID;
            }
            List<String> proof = Proofs.consistency(leafHashes, oldSize, newSize);
            NavigableMap<Long, Path> all = Checkpoint.filesIn(data.resolve("outbox").resolve("packets"));
            String gateway = "";
            if (all.containsKey(oldSize) && all.containsKey(newSize)) {
                Checkpoint older = readCheckpoint(all.get(oldSize));
                Checkpoint newer = readCheckpoint(all.get(newSize));
                gateway = newer.gatewayId();
                if (!MerkleTree.verifyConsistency(oldSize, newSize, proof.stream().map(HEX::parseHex).toList(),
                        older.rootHash(), newer.rootHash())) {
                    err.println("checkpoint-" + newSize + ".json does not extend checkpoint-" + oldSize + ".json by the"
                            + " leaf log: the log was rewritten between them (tampering) or the leaf log is altered");
                    return Nsegw.EXIT_FAILURE;
                }
            } else {
                if (!all.isEmpty()) {
                    gateway = readCheckpoint(all.lastEntry().getValue()).gatewayId();
                }
                err.println("(no checkpoint-" + oldSize + ".json and checkpoint-" + newSize + ".json beside the packets:"
                        + " the proof is not checked here)");
            }
            ObjectNode json = JSON.createObjectNode();
            json.put("format", CONSISTENCY_FORMAT);
            json.put("gatewayId", gateway);
            json.put("oldSize", oldSize);
            json.put("newSize", newSize);
            ArrayNode path = json.putArray("proof");
            proof.forEach(path::add);
            out.println(json.toPrettyString());
            out.flush();
            return Nsegw.EXIT_OK;
        }
    }

    @Command(name = "check", description = {
        "Check an inclusion proof: the checkpoint's signature (by --trust-key, else by the key inside the packet), that",
        "the packet verifies, that the proof's leaf is the packet's manifest and that it leads to the checkpoint's root.",
        "Exit status 0 only if all of that holds."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--proof", required = true, paramLabel = "FILE", description = "the proof (nsegw proof inclusion)")
        Path proofFile;

        @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "the signed checkpoint")
        Path checkpointFile;

        @Option(names = "--trust-key", paramLabel = "PEM_FILE", description = "the gateway's public key (nsegw keys export)")
        Path trustKey;

        @Parameters(paramLabel = "PACKET", description = "the case's packet (.zip)")
        Path packet;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<String> problems = new ArrayList<>();
            JsonNode proof;
            try {
                proof = JSON.readTree(proofFile.toFile());
            } catch (IOException e) {
                spec.commandLine().getErr().println("Cannot read the proof " + proofFile + ": " + e.getMessage());
                return Nsegw.EXIT_INVALID;
            }
            if (!INCLUSION_FORMAT.equals(proof.path("format").asText())) {
                problems.add("the proof's format is '" + proof.path("format").asText() + "', not " + INCLUSION_FORMAT);
            }
            Checkpoint checkpoint = readCheckpoint(checkpointFile);
            String key = trustKey != null ? Files.readString(trustKey, StandardCharsets.US_ASCII) : includedKey(packet);
            if (key == null) {
                problems.add("no key to check the checkpoint with: the packet has no " + PacketBuilder.PUBLIC_KEY
                        + " and no --trust-key was given");
            } else {
                problems.addAll(Checkpoint.verify(Files.readAllBytes(checkpointFile), key).stream()
                        .map(p -> checkpointFile.getFileName() + ": " + p).toList());
            }
            Set<String> trusted = trustKey == null ? Set.of() : Set.of(VerifyCommand.keyId(key));
            PacketVerifier.Result result = PacketVerifier.verify(packet, trusted);
            result.problems().forEach(p -> problems.add(packet.getFileName() + ": " + p));
            byte[] manifest = entry(packet, PacketBuilder.MANIFEST);
            long sequence = proof.path("sequence").asLong();
            if (result.caseId() != null && sequence != result.sequence()) {
                problems.add("the proof is for sequence " + sequence + ", the packet has sequence " + result.sequence());
            }
            if (proof.path("treeSize").asLong() != checkpoint.treeSize()) {
                problems.add("the proof is for a tree of " + proof.path("treeSize").asLong() + " cases, the checkpoint covers "
                        + checkpoint.treeSize());
            }
            List<String> path = new ArrayList<>();
            proof.path("auditPath").forEach(n -> path.add(n.asText()));
            if (manifest != null && problems.isEmpty() && !Proofs.verifyInclusion(checkpoint, manifest, sequence, path)) {
                problems.add("the audit path does not lead from the packet's manifest to the checkpoint's root hash: the"
                        + " packet is not the case the checkpoint covers at sequence " + sequence + " (altered or replaced)");
            }
            if (problems.isEmpty()) {
                out.println("INCLUDED: " + packet.getFileName() + " (case " + result.caseId() + ", sequence " + sequence
                        + ") is among the " + checkpoint.treeSize() + " cases of " + checkpointFile.getFileName()
                        + ", signed by key " + checkpoint.keyId() + (trustKey == null
                                ? " (the key inside the packet: give --trust-key to know who signed)" : " (trusted)"));
                out.flush();
                return Nsegw.EXIT_OK;
            }
            out.println("NOT INCLUDED: " + packet.getFileName());
            problems.forEach(p -> out.println("  " + p));
            out.flush();
            return Nsegw.EXIT_FAILURE;
        }

        private static String includedKey(Path zip) throws IOException {
            byte[] pem = entry(zip, PacketBuilder.PUBLIC_KEY);
            return pem == null ? null : new String(pem, StandardCharsets.US_ASCII);
        }

        private static byte[] entry(Path zip, String name) throws IOException {
            try (ZipFile z = new ZipFile(zip.toFile())) {
                ZipEntry e = z.getEntry(name);
                if (e == null) {
                    return null;
                }
                try (InputStream in = z.getInputStream(e)) {
                    return in.readNBytes(16 * 1024 * 1024);
                }
            } catch (java.util.zip.ZipException e) {
                return null;
            }
        }
    }
}
