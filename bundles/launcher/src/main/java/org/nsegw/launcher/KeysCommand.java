package org.nsegw.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.KeyRotation;
import org.nsegw.packet.PacketSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nsegw keys}: the gateway's signing keys in its data directory – which there are, the public key for a back
 * office's {@code --trust-key}, and a rotation that the next packet records in the chain.
 */
@Command(name = "keys", description = {
    "The gateway's signing keys (files in <data>/keys; a key in a PKCS#11 token is not handled here).",
    "Example: nsegw keys export --data data/hz-bridge-demo-gw1 > gw1.pub.pem"},
        subcommands = {KeysCommand.Show.class, KeysCommand.Export.class, KeysCommand.Rotate.class})
final class KeysCommand implements Callable<Integer> {

    static final List<String> ALGORITHMS = List.of("Ed25519", "SM2", "ECDSA-P256");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Nsegw.EXIT_INVALID;
    }

    /** The options every keys command takes: where the keys are. */
    static class Where {
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "the gateway's data directory")
        Path data;

        @Option(names = "--keys", paramLabel = "DIR",
                description = "the key folder when the site sets signing.keyDirectory (default: <data>/keys)")
        Path keys;

        Path keyDir() {
            return keys != null ? keys : data.resolve("keys");
        }

        /** The key files present, as algorithm names, in the order of {@link #ALGORITHMS}. */
        List<String> present() {
            List<String> found = new ArrayList<>();
            for (String algorithm : ALGORITHMS) {
                if (Files.isRegularFile(GatewayKeys.keyFile(keyDir(), algorithm))) {
                    found.add(algorithm);
                }
            }
            return found;
        }

        /** The algorithm asked for, or the only key present; null (with the reason printed) if neither. */
        String choose(String asked, PrintWriter err) {
            List<String> present = present();
            if (asked != null) {
                String match = ALGORITHMS.stream().filter(a -> a.equalsIgnoreCase(asked)).findFirst().orElse(null);
                if (match == null) {
                    err.println("--algorithm is " + asked + "; allowed: " + String.join(", ", ALGORITHMS));
                } else if (!present.contains(match)) {
                    err.println("No " + match + " key in " + keyDir() + (present.isEmpty() ? "" : " (there is: "
                            + String.join(", ", present) + ")"));
                    return null;
                }
                return match;
            }
            if (present.size() == 1) {
                return present.get(0);
            }
            err.println(present.isEmpty()
                    ? "No gateway key in " + keyDir() + ": the gateway makes one at its first start (or give --keys DIR)"
                    : "Several keys in " + keyDir() + " (" + String.join(", ", present) + "); choose one with --algorithm");
            return null;
        }

        PacketSigner load(String algorithm) throws IOException {
            return GatewayKeys.loadOrCreate(keyDir(), algorithm);
        }

        /** The chain's key as the evidence component recorded it in {@code <data>/outbox/chain-key}; null if none. */
        String[] chainKey() throws IOException {
            Path file = data.resolve("outbox").resolve("chain-key");
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ") : null;
        }
    }

    @Command(name = "show", description = "List the gateway's keys: algorithm, key id, file, which one signs the chain, retired keys.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Where where = new Where();

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path dir = where.keyDir();
            List<String> present = where.present();
            if (present.isEmpty()) {
                err.println("No gateway key in " + dir + ": the gateway makes one at its first start (or give --keys DIR)");
                return Nsegw.EXIT_INVALID;
            }
            String[] chain = where.chainKey();
            for (String algorithm : present) {
                PacketSigner key;
                try {
                    key = where.load(algorithm);
                } catch (IOException e) {
                    out.printf(Locale.ROOT, "%-10s  UNUSABLE  %s%n", algorithm, e.getMessage());
                    continue;
                }
                boolean signs = chain != null && chain.length == 5 && chain[0].equals(key.keyId());
                out.printf(Locale.ROOT, "%-10s  %s  %s%s%n", algorithm, key.keyId(), GatewayKeys.keyFile(dir, algorithm),
                        signs ? "  signs the chain since packet " + chain[2] : "");
            }
            if (chain != null && chain.length == 5 && !"-".equals(chain[3])) {
                out.println("The chain's key changed from " + chain[4] + " " + chain[3] + " at packet " + chain[2] + ".");
            }
            Path retired = dir.resolve(KeyRotation.RETIRED);
            if (Files.isDirectory(retired)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(retired, "*.pem")) {
                    for (Path f : files) {
                        out.printf(Locale.ROOT, "retired     %s  %s%n", f.getFileName().toString().replace(".pem", ""), f);
                    }
                }
            }
            out.println("The public key for a back office: nsegw keys export --data " + where.data
                    + " > gateway.pub.pem  (then nsegw verify --trust-key gateway.pub.pem …)");
            out.flush();
            return Nsegw.EXIT_OK;
        }
    }

    @Command(name = "export", description = {"Print the gateway's public key (PEM) and its key id; what a back office gives",
        "to nsegw verify --trust-key or PacketVerifier as a trusted key."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Where where = new Where();

        @Option(names = "--algorithm", paramLabel = "NAME", description = "Ed25519, SM2 or ECDSA-P256, when there are several keys")
        String algorithm;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String chosen = where.choose(algorithm, err);
            if (chosen == null) {
                return Nsegw.EXIT_INVALID;
            }
            PacketSigner key = where.load(chosen);
            err.println("Key id " + key.keyId() + " (" + chosen + ")");
            err.flush();
            out.print(key.publicKeyPem());
            out.flush();
            return Nsegw.EXIT_OK;
        }
    }

    @Command(name = "rotate", description = {
        "Retire the gateway's key (to <keys>/retired/<key id>.pem, owner-only) and make a new one. The gateway must be",
        "stopped. At its next start the first packet it signs records the rotation, endorsed by the retired key, so a",
        "verifier that trusts the old key trusts the new one along the chain."})
    static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Where where = new Where();

        @Option(names = "--algorithm", paramLabel = "NAME",
                description = "the key to rotate when there are several (the site's signing.algorithm)")
        String algorithm;

        @Override
        public Integer call() throws IOException, GeneralSecurityException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String chosen = where.choose(algorithm, err);
            if (chosen == null) {
                return Nsegw.EXIT_INVALID;
            }
            DataLock lock;
            try {
                lock = DataLock.acquire(where.data);
            } catch (IOException e) {
                err.println("Cannot rotate: " + e.getMessage());
                return Nsegw.EXIT_FAILURE;
            }
            try (lock) {
                PacketSigner old = where.load(chosen);
                PacketSigner next = GatewayKeys.rotate(where.keyDir(), chosen);
                Path retired = where.keyDir().resolve(KeyRotation.RETIRED).resolve(old.keyId() + ".pem");
                out.println("Rotated the " + chosen + " key:");
                out.println("  retired  " + old.keyId() + "  " + retired + " ("
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(retired)) + ")");
                out.println("  new      " + next.keyId() + "  " + GatewayKeys.keyFile(where.keyDir(), chosen));
                out.println("The gateway's next packet records the rotation, endorsed by the retired key. Keep the retired key"
                        + " until that packet is written.");
                out.flush();
                return Nsegw.EXIT_OK;
            }
        }
    }
}
