package org.nsegw.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where site files and device profiles are found, and reading them. */
public final class SiteFiles {

    /** Site files are a few kilobytes; a bigger file is not a site file. */
    static final long MAX_BYTES = 1 << 20;

    private SiteFiles() {
    }

    /**
     * The device profile directory for a site file: {@code explicit} when given, otherwise the first of
     * {@code device-profiles/} beside the site file's folder (the layout of a checkout or an installation, where
     * site files live in {@code edge-config/}) and {@code device-profiles/} inside it.
     */
    public static Path profilesDir(Path siteFile, String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path folder = siteFile.toAbsolutePath().getParent();
        List<Path> candidates = folder.getParent() == null
                ? List.of(folder.resolve("device-profiles"))
                : List.of(folder.getParent().resolve("device-profiles"), folder.resolve("device-profiles"));
        return candidates.stream().filter(Files::isDirectory).findFirst().orElse(candidates.get(0));
    }

    /** Reads a site file as UTF-8, refusing files that are too big or not UTF-8. */
    public static String read(Path siteFile) throws IOException {
        if (!Files.isRegularFile(siteFile)) {
            throw new IOException(Files.exists(siteFile) ? "not a regular file" : "no such file");
        }
        long size = Files.size(siteFile);
        if (size > MAX_BYTES) {
            throw new IOException("the file is " + size + " bytes; a site file is at most " + MAX_BYTES + " bytes");
        }
        return DeviceProfiles.readUtf8(siteFile);
    }
}
