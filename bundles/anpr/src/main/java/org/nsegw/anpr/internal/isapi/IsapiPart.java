package org.nsegw.anpr.internal.isapi;

import java.util.Objects;

/**
 * One picture part of an ISAPI message, as the receiver took it from the multipart body.
 *
 * @param name        the file name of the part ({@code filename} of its Content-Disposition, else its
 *                    {@code name}), matched against {@code pictureInfo/fileName}; empty if the part has none
 * @param contentType the part's Content-Type, empty if none
 * @param bytes       the part's body
 */
public record IsapiPart(String name, String contentType, byte[] bytes) {

    public IsapiPart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public String toString() {
        return "IsapiPart[" + name + ", " + contentType + ", " + bytes.length + " bytes]";
    }
}
