package org.nsegw.evidence.internal.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The images kept beside a compliant record's packet as one ZIP, named as the manifest's {@code imagesBeside} names
 * them. Deterministic (fixed entry times, the given order, no compression: JPEGs do not shrink), so that the same images
 * give the same bytes.
 */
public final class ImagesZip {

    private static final FileTime FIXED = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    private ImagesZip() {
    }

    public static byte[] of(List<CaseEntry> images) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            for (CaseEntry e : images) {
                ZipEntry entry = new ZipEntry(e.name());
                entry.setLastModifiedTime(FIXED);
                zip.putNextEntry(entry);
                zip.write(e.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }
}
