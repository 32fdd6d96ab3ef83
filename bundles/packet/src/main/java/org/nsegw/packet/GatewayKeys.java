package org.nsegw.packet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.nsegw.packet.internal.Pem;
import org.nsegw.packet.internal.SignatureScheme;

/**
 * The gateway's key pair in its data directory: one file per algorithm, {@code gateway-ed25519.pem} or
 * {@code gateway-sm2.pem} or {@code gateway-ecdsa-p256.pem}, holding the PKCS#8 private key ("PRIVATE KEY") followed by the public key
 * ("PUBLIC KEY"), readable and writable by the owner only, in a directory only the owner may enter.
 */
public final class GatewayKeys {

    private static final Set<PosixFilePermission> OWNER_FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private GatewayKeys() {
    }

    /**
     * Loads the gateway's key pair from dir (creating it on first use, files owner-only rw, dir
     * owner-only), for "Ed25519", "SM2" or "ECDSA-P256". IOException with a clear message if unreadable/wrong
     * permissions.
     */
    public static synchronized PacketSigner loadOrCreate(Path dir, String algorithm) throws IOException {
        SignatureScheme scheme = SignatureScheme.named(algorithm);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("key directory " + dir + " is not a directory");
        }
        Path file = keyFile(dir, algorithm);
        if (posix) {
            requireOwnerOnly(dir, OWNER_DIR, "key directory", "700");
        }
        if (!Files.exists(file)) {
            create(scheme, file, posix);
        }
        if (posix) {
            requireOwnerOnly(file, OWNER_FILE, "key file", "600");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("cannot read key file " + file + ": " + e, e);
        }
        try {
            return scheme.signer(Pem.decode(text, "PRIVATE KEY"), Pem.decode(text, "PUBLIC KEY"));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("key file " + file + " does not hold a valid " + algorithm + " key pair: "
                    + e.getMessage(), e);
        }
    }

    /** Retires the key of {@code algorithm} to {@code dir/retired/<keyId>.pem} and creates a new one: {@link KeyRotation#rotate}. */
    public static PacketSigner rotate(Path dir, String algorithm) throws IOException {
        return KeyRotation.rotate(dir, algorithm);
    }

    /** The file {@link #loadOrCreate} keeps the key pair of {@code algorithm} in. */
    public static Path keyFile(Path dir, String algorithm) {
        return dir.resolve("gateway-" + algorithm.toLowerCase(Locale.ROOT) + ".pem");
    }

    /** A new key pair held in memory only (tests, tools). */
    public static PacketSigner generate(String algorithm) {
        SignatureScheme scheme = SignatureScheme.named(algorithm);
        byte[][] pair = scheme.generate();
        try {
            return scheme.signer(pair[0], pair[1]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a freshly generated key pair was refused", e);
        }
    }

    /** A signer for a key pair held elsewhere: PEM text with a "PRIVATE KEY" (PKCS#8) and a "PUBLIC KEY" block. */
    public static PacketSigner fromPem(String pem, String algorithm) throws GeneralSecurityException {
        try {
            return SignatureScheme.named(algorithm).signer(Pem.decode(pem, "PRIVATE KEY"), Pem.decode(pem, "PUBLIC KEY"));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static void create(SignatureScheme scheme, Path file, boolean posix) throws IOException {
        byte[][] pair = scheme.generate();
        String text = Pem.encode("PRIVATE KEY", pair[0]) + Pem.encode("PUBLIC KEY", pair[1]);
        // Written whole under a temporary name first: a crash never leaves half a key behind.
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (posix) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } else {
            Files.createFile(temp);
        }
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file);
        }
    }

    private static void requireOwnerOnly(Path path, Set<PosixFilePermission> allowed, String what, String mode)
            throws IOException {
        Set<PosixFilePermission> actual;
        try {
            actual = Files.getPosixFilePermissions(path);
        } catch (IOException e) {
            throw new IOException("cannot read the permissions of " + what + " " + path + ": " + e, e);
        }
        if (!allowed.containsAll(actual)) {
            throw new IOException(what + " " + path + " has permissions " + PosixFilePermissions.toString(actual)
                    + "; it must be accessible by its owner only (chmod " + mode + " " + path + ")");
        }
        if (!actual.contains(PosixFilePermission.OWNER_READ)) {
            throw new IOException(what + " " + path + " is not readable by its owner (chmod " + mode + " " + path + ")");
        }
    }
}
