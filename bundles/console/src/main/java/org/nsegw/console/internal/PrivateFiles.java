package org.nsegw.console.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The console's secrets (TLS key, password hash, setup password) live in {@code <data>/console/}, a folder only the
 * gateway's user may enter, in files only it may read. A file or folder that others may read is refused with the
 * command that fixes it, never used: its secret may have leaked.
 */
final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Path dir;
    private final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** Opens (creating it owner-only when missing) the folder, and checks that only its owner may enter it. */
    PrivateFiles(Path dir) throws IOException {
        this.dir = dir;
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
        }
        requireOwnerOnly(dir, OWNER_DIR, "folder", "700");
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    boolean exists(String name) {
        return Files.exists(file(name));
    }

    /** The content of a private file, after checking that only its owner may read it. */
    byte[] read(String name) throws IOException {
        Path f = file(name);
        requireOwnerOnly(f, OWNER_FILE, "file", "600");
        return Files.readAllBytes(f);
    }

    /** Writes a file created owner-only from the start (never readable by others, not even for a moment). */
    void write(String name, byte[] content) throws IOException {
        Path target = file(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } else {
            Files.createFile(tmp);
        }
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Checks that a file given by the site file (a configured TLS key) is readable by its owner only. */
    static void requireOwnerOnlyFile(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            requireOwnerOnly(file, OWNER_FILE, "file", "600");
        }
    }

    private static void requireOwnerOnly(Path path, Set<PosixFilePermission> allowed, String what, String mode)
            throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
        if (!allowed.containsAll(actual)) {
            throw new IOException("the console's " + what + " " + path + " has permissions "
                    + PosixFilePermissions.toString(actual) + "; it must be accessible by its owner only (chmod " + mode
                    + " " + path + ")");
        }
    }
}
