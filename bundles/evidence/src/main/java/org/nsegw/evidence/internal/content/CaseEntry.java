package org.nsegw.evidence.internal.content;

import java.util.Objects;

/**
 * One file of a packet besides its manifest.
 *
 * @param name    the name inside the packet, with {@code /} separators, e.g. {@code raw/wim-L1.bin}
 * @param role    what it is, e.g. {@code passage}, {@code weigh-raw}, {@code read-image:plate}
 * @param content the bytes
 */
public record CaseEntry(String name, String role, byte[] content) {

    public CaseEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
