package org.nsegw.vision.internal.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.nsegw.api.evidence.MediaRef;

/**
 * The evidence of site-exit observations, on disk before any observation is published: each exit's files are
 * written into a temporary folder and forced to disk, the folder is renamed into place in one step and its parent
 * forced too (as the ANPR bundle stores plate pictures). An exit's folder therefore holds all its files or does not
 * exist, also after a power cut.
 *
 * <p>Layout: {@code media/vision/<camera>/<yyyy-MM-dd>/<exit>/} with the frames, annotated images, the clip and
 * {@code exit.json}.
 */
public final class VisionMediaStore {

    /** The file that describes the exit, written last. */
    public static final String EXIT_FILE = "exit.json";

    private final Path dataDir;
    private final Path root;

    public VisionMediaStore(Path dataDir) {
        this.dataDir = dataDir;
        this.root = dataDir.resolve("media").resolve("vision");
    }

    /** A folder being filled; {@link #commit} puts it in place. Files are written by name, or by others into {@link #dir}. */
    public final class Pending implements AutoCloseable {
        private final Path tmp;
        private final Path target;
        private final Map<String, String[]> files = new LinkedHashMap<>();

        private Pending(Path tmp, Path target) {
            this.tmp = tmp;
            this.target = target;
        }

        /** The temporary folder, for writers that need a path (the clip). */
        public Path dir() {
            return tmp;
        }

        /** Writes a file and forces it to disk. */
        public void write(String name, byte[] bytes, String mediaType) throws IOException {
            try (FileChannel ch = FileChannel.open(tmp.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            files.put(name, new String[] {mediaType});
        }

        /** Takes a file someone else wrote into {@link #dir()}: forces it to disk. */
        public void adopt(String name, String mediaType) throws IOException {
            try (FileChannel ch = FileChannel.open(tmp.resolve(name), StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            files.put(name, new String[] {mediaType});
        }

        /**
         * Puts the folder in place durably.
         *
         * @return each file's reference, relative to the data directory, by file name
         */
        public Map<String, MediaRef> commit(Map<String, String> roles) throws IOException {
            Map<String, MediaRef> refs = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> f : files.entrySet()) {
                byte[] bytes = Files.readAllBytes(tmp.resolve(f.getKey()));
                refs.put(f.getKey(), new MediaRef(roles.getOrDefault(f.getKey(), f.getKey()),
                        dataDir.relativize(target.resolve(f.getKey())).toString().replace('\\', '/'), f.getValue()[0], bytes.length,
                        sha256(bytes)));
            }
            force(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the data directory's file system cannot rename atomically: " + dataDir, e);
            }
            force(target.getParent());
            return refs;
        }

        @Override
        public void close() throws IOException {
            deleteTree(tmp);
        }
    }

    /** Starts the folder of an exit. */
    public Pending begin(String camera, LocalDate day, String exitId) throws IOException {
        Path target = root.resolve(camera).resolve(day.toString()).resolve(exitId);
        if (Files.exists(target)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.getParent().resolve(".tmp-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        return new Pending(tmp, target);
    }

    /** Removes the temporary folders a crash left in one camera's media; returns how many. */
    public int cleanUp(String camera) throws IOException {
        Path dir = root.resolve(camera);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            leftovers = walk.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
        }
        for (Path p : leftovers) {
            deleteTree(p);
        }
        return leftovers.size();
    }

    private static void force(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
