package org.nsegw.packet.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.nsegw.packet.PacketEntry;

/**
 * The ZIP container of a packet. Written deterministically: entries stored (not compressed: JPEGs do not
 * shrink, and the bytes do not depend on a zlib version), in the given order, all dated
 * 2000-01-01T00:00 local DOS time (independent of the JVM's time zone), no extra fields, no comments.
 * Read from the central directory, each entry's local header checked against it; stored and deflated
 * entries are read, ZIP64 is not.
 */
public final class PacketZip {

    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;

    private PacketZip() {
    }

    /** The ZIP holding {@code entries} in order. */
    public static byte[] write(List<PacketEntry> entries) {
        // Exact for ASCII names (all valid names are): local header, central header, end record.
        long size = 22;
        for (PacketEntry e : entries) {
            size += 30 + 46 + 2L * e.name().length() + e.content().length;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("packet larger than 2 GB");
        }
        ExactBuffer out = new ExactBuffer((int) size);
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.setMethod(ZipOutputStream.STORED);
            CRC32 crc = new CRC32();
            for (PacketEntry e : entries) {
                ZipEntry entry = new ZipEntry(e.name());
                entry.setMethod(ZipEntry.STORED);
                entry.setTimeLocal(ENTRY_TIME);
                entry.setSize(e.content().length);
                entry.setCompressedSize(e.content().length);
                crc.reset();
                crc.update(e.content());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.bytes();
    }

    /** Hands over its array without a copy when the size was estimated exactly. */
    private static final class ExactBuffer extends ByteArrayOutputStream {
        ExactBuffer(int size) {
            super(size);
        }

        byte[] bytes() {
            return count == buf.length ? buf : toByteArray();
        }
    }

    /** Entries read, and what was wrong with the container (entries that could not be read are left out). */
    public record Contents(List<PacketEntry> entries, List<String> problems) {
    }

    /** The entries of {@code zip} in central directory order; never throws on malformed input. */
    public static Contents read(byte[] zip) {
        List<PacketEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int end = findEnd(zip);
        if (end < 0) {
            problems.add("not a ZIP file: no end of central directory record");
            return new Contents(entries, problems);
        }
        int count = u16(zip, end + 10);
        long cdSize = u32(zip, end + 12);
        long cdOffset = u32(zip, end + 16);
        if (count == 0xffff || cdOffset == 0xffffffffL) {
            problems.add("ZIP64 archives are not packets");
            return new Contents(entries, problems);
        }
        if (cdOffset + cdSize != end) {
            problems.add("ZIP central directory (offset " + cdOffset + ", size " + cdSize
                    + ") does not end where the end record starts (" + end + ")");
            return new Contents(entries, problems);
        }
        int p = (int) cdOffset;
        for (int i = 0; i < count; i++) {
            if (p + 46 > end || u32(zip, p) != CENTRAL) {
                problems.add("ZIP central directory entry " + (i + 1) + " of " + count + " is damaged");
                return new Contents(entries, problems);
            }
            int method = u16(zip, p + 10);
            long crc = u32(zip, p + 16);
            long compressed = u32(zip, p + 20);
            long size = u32(zip, p + 24);
            int nameLength = u16(zip, p + 28);
            int extraLength = u16(zip, p + 30);
            int commentLength = u16(zip, p + 32);
            long localOffset = u32(zip, p + 42);
            if (p + 46 + nameLength > end) {
                problems.add("ZIP central directory entry " + (i + 1) + " of " + count + " is damaged");
                return new Contents(entries, problems);
            }
            String name = new String(zip, p + 46, nameLength, StandardCharsets.UTF_8);
            p += 46 + nameLength + extraLength + commentLength;
            byte[] content = entryContent(zip, name, localOffset, method, compressed, size, cdOffset, problems);
            if (content == null) {
                continue;
            }
            CRC32 check = new CRC32();
            check.update(content);
            if (check.getValue() != crc) {
                problems.add("entry " + name + ": its ZIP CRC-32 does not match its content");
            }
            String nameProblem = PacketEntry.nameProblem(name);
            if (nameProblem != null) {
                problems.add("ZIP entry name not allowed: " + nameProblem);
                continue;
            }
            entries.add(new PacketEntry(name, content));
        }
        if (p != end) {
            problems.add("ZIP central directory holds more than its " + count + " entries");
        }
        return new Contents(entries, problems);
    }

    private static byte[] entryContent(byte[] zip, String name, long offset, int method, long compressed, long size,
            long limit, List<String> problems) {
        if (offset + 30 > limit || u32(zip, (int) offset) != LOCAL) {
            problems.add("entry " + name + ": no local header where the central directory says");
            return null;
        }
        int o = (int) offset;
        int nameLength = u16(zip, o + 26);
        int extraLength = u16(zip, o + 28);
        if (o + 30 + nameLength > limit
                || !name.equals(new String(zip, o + 30, nameLength, StandardCharsets.UTF_8))) {
            problems.add("entry " + name + ": its local header names another entry");
            return null;
        }
        long start = o + 30L + nameLength + extraLength;
        if (compressed > limit - start) {
            problems.add("entry " + name + ": its data runs past the entries' area");
            return null;
        }
        if (method == ZipEntry.STORED) {
            if (compressed != size) {
                problems.add("entry " + name + ": stored with two different sizes");
                return null;
            }
            byte[] out = new byte[(int) size];
            System.arraycopy(zip, (int) start, out, 0, out.length);
            return out;
        }
        // Deflate shrinks at most about 1032:1; a larger claim would only make us allocate for nothing.
        if (method == ZipEntry.DEFLATED && size < Integer.MAX_VALUE - 8 && size <= compressed * 1040 + 64) {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(zip, (int) start, (int) compressed);
                byte[] out = new byte[(int) size];
                int n = inflater.inflate(out);
                if (n != size || !inflater.finished()) {
                    problems.add("entry " + name + ": deflated data does not give its stated size");
                    return null;
                }
                return out;
            } catch (DataFormatException e) {
                problems.add("entry " + name + ": deflated data is damaged");
                return null;
            } finally {
                inflater.end();
            }
        }
        problems.add("entry " + name + ": compression method " + method + " with sizes " + compressed + " / " + size
                + " is not supported");
        return null;
    }

    private static int findEnd(byte[] zip) {
        for (int p = zip.length - 22; p >= 0 && p >= zip.length - 22 - 0xffff; p--) {
            if (u32(zip, p) == END && p + 22 + u16(zip, p + 20) == zip.length) {
                return p;
            }
        }
        return -1;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int p) {
        return (u16(b, p) | (long) u16(b, p + 2) << 16) & 0xffffffffL;
    }
}
