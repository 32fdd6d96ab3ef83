package org.nsegw.packet;

import java.util.Objects;

/**
 * One file of a packet besides the manifest, its signature and the public key, e.g. "images/front-1.jpg"
 * or "raw/wim-L1.bin". The content is not copied: do not change the array after handing it over.
 *
 * <p>Names are relative paths of segments of {@code A-Z a-z 0-9 . _ -} separated by "/" (no "." or ".."
 * segment, no leading or trailing "/", at most 200 characters), so that they are safe as file names and
 * in the shell commands of the documented verification.
 */
public record PacketEntry(String name, byte[] content) {

    public PacketEntry {
        Objects.requireNonNull(content, "content");
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why {@code name} is not a valid entry name, or null if it is. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "entry name is empty";
        }
        if (name.length() > 200) {
            return "entry name longer than 200 characters: " + name.substring(0, 40) + "...";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-' || c == '/';
            if (!allowed) {
                return "entry name '" + name + "' has a character outside A-Z a-z 0-9 . _ - /";
            }
        }
        if (name.startsWith("/") || name.endsWith("/")) {
            return "entry name '" + name + "' starts or ends with '/'";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "entry name '" + name + "' has an empty, '.' or '..' segment";
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PacketEntry other && name.equals(other.name)
                && java.util.Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "PacketEntry[" + name + ", " + content.length + " bytes]";
    }
}
