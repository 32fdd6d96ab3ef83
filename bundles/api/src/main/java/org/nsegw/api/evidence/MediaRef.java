package org.nsegw.api.evidence;

import java.util.Objects;

/**
 * A file (image, clip, raw capture) that the gateway has already written durably to its data directory.
 *
 * @param role      what the file shows, e.g. {@code plate}, {@code scene}, {@code annotated}, {@code clip}
 * @param path      the path relative to the data directory, with {@code /} separators
 * @param mediaType e.g. {@code image/jpeg}, {@code video/x-msvideo}
 * @param size      the size in bytes
 * @param sha256    the SHA-256 of the content, lower-case hex
 */
public record MediaRef(String role, String path, String mediaType, long size, String sha256) {

    public MediaRef {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        if (path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("path must be relative to the data directory: " + path);
        }
    }
}
