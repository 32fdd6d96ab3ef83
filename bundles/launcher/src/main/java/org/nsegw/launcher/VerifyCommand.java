package org.nsegw.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nsegw.packet.PacketVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nsegw verify}: evidence packets checked as a back office or a court would. */
@Command(name = "verify", description = {
    "Verify evidence packets: each packet's signature, the SHA-256 and size of every entry, the",
    "manifest's canonical form; for a folder also the chain (sequence numbers without gaps, each",
    "packet naming the previous one's manifest hash) and any checkpoints in it. Names exactly what",
    "failed. A gateway's data directory may be given: its outbox/packets folder is checked.",
    "Without --trust the public key inside each packet is used, and the output says so.",
    "Exit status 0 only if everything verifies.",
    "Example: nsegw verify --trust-key gateway.pub.pem data/hz-bridge-demo-gw1/outbox/packets"})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--trust", paramLabel = "KEY_ID", description = "trust only packets signed by this key (SHA-256 of its DER public key, hex); repeatable")
    List<String> trustIds = new ArrayList<>();

    @Option(names = "--trust-key", paramLabel = "PEM_FILE", description = "trust only packets signed by the public key in this PEM file; repeatable")
    List<Path> trustKeys = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "PACKET|DIR", description = "packet files (.zip), folders of packets, or data directories")
    List<Path> targets;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<String> trusted = new LinkedHashSet<>();
        for (String id : trustIds) {
            if (!id.strip().matches("[0-9a-fA-F]{64}")) {
                err.println("nsegw verify: --trust takes a key id of 64 hex digits, not '" + id + "'");
                return Nsegw.EXIT_INVALID;
            }
            trusted.add(id.strip().toLowerCase(Locale.ROOT));
        }
        for (Path pem : trustKeys) {
            try {
                trusted.add(keyId(Files.readString(pem, StandardCharsets.US_ASCII)));
            } catch (IOException | IllegalArgumentException e) {
                err.println("nsegw verify: --trust-key " + pem + ": " + e.getMessage());
                return Nsegw.EXIT_INVALID;
            }
        }
        if (trusted.isEmpty()) {
            out.println("No trusted key given: each packet is checked against the public key it carries (it proves the packet is"
                    + " intact, not who made it; give --trust-key for that).");
        }
        long packets = 0;
        long failed = 0;
        boolean chainsOk = true;
        for (Path target : targets) {
            Path dir = Files.isDirectory(target.resolve("outbox").resolve("packets")) ? target.resolve("outbox").resolve("packets") : target;
            if (Files.isDirectory(dir)) {
                PacketVerifier.DirectoryResult r = PacketVerifier.verifyDirectory(dir, trusted);
                out.println(dir + ": " + r.packets().size() + " packet" + (r.packets().size() == 1 ? "" : "s"));
                for (PacketVerifier.Result p : r.packets()) {
                    packets++;
                    failed += print(out, p) ? 0 : 1;
                }
                r.endorsedKeys().forEach((key, where) -> out.println("  key " + key + ": trusted, endorsed by a trusted key"
                        + " in the key rotation recorded in " + where));
                if (r.chainProblems().isEmpty()) {
                    out.println("  chain: continuous");
                    out.println("  checkpoints: " + (r.checkpoints().isEmpty() ? "none here" : r.checkpoints().size()
                            + " verified (" + String.join(", ", r.checkpoints()) + ")"));
                } else {
                    chainsOk = false;
                    r.chainProblems().forEach(problem -> out.println("  chain: " + problem));
                }
            } else if (Files.isRegularFile(dir)) {
                packets++;
                failed += print(out, PacketVerifier.verify(dir, trusted)) ? 0 : 1;
            } else {
                err.println("nsegw verify: " + target + " is neither a packet nor a folder");
                return Nsegw.EXIT_INVALID;
            }
        }
        boolean ok = failed == 0 && chainsOk && packets > 0;
        out.printf(Locale.ROOT, "%s: %d packet%s, %d failed%s%n", ok ? "VERIFIED" : "NOT VERIFIED", packets, packets == 1 ? "" : "s",
                failed, chainsOk ? "" : ", chain broken");
        out.flush();
        return ok ? Nsegw.EXIT_OK : Nsegw.EXIT_FAILURE;
    }

    /** One line for a packet that verifies, its problems otherwise; true if it verifies. */
    private static boolean print(PrintWriter out, PacketVerifier.Result r) {
        if (r.ok()) {
            out.printf(Locale.ROOT, "  ok      %s  case %s, sequence %d%n", r.packet(), r.caseId(), r.sequence());
            return true;
        }
        out.printf(Locale.ROOT, "  FAILED  %s%s%n", r.packet(), r.caseId() == null || r.caseId().isEmpty() ? "" : "  case " + r.caseId());
        r.problems().forEach(problem -> out.println("          " + problem));
        return false;
    }

    /** The key id of a PEM public key: the SHA-256 of its DER form, hex. */
    static String keyId(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        if (!pem.contains("-----BEGIN PUBLIC KEY-----") || base64.isEmpty()) {
            throw new IllegalArgumentException("not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
