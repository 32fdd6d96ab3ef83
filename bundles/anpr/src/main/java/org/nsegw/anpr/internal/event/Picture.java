package org.nsegw.anpr.internal.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * An image a camera sent with a read.
 *
 * @param name the file name the camera gave it, e.g. {@code licensePlatePicture.jpg}
 * @param role what it shows: {@code plate} (the plate close-up) or {@code scene} (the vehicle)
 * @param jpeg the JPEG bytes as sent
 */
public record Picture(String name, String role, byte[] jpeg) {

    public Picture {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        jpeg = jpeg.clone();
    }

    @Override
    public byte[] jpeg() {
        return jpeg.clone();
    }

    /** Whether the bytes begin and end as a JPEG does (SOI FF D8 ... EOI FF D9). */
    public boolean looksLikeJpeg() {
        return jpeg.length >= 4 && (jpeg[0] & 0xFF) == 0xFF && (jpeg[1] & 0xFF) == 0xD8
                && (jpeg[jpeg.length - 2] & 0xFF) == 0xFF && (jpeg[jpeg.length - 1] & 0xFF) == 0xD9;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Picture p && name.equals(p.name) && role.equals(p.role) && Arrays.equals(jpeg, p.jpeg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role) * 31 + Arrays.hashCode(jpeg);
    }

    @Override
    public String toString() {
        return "Picture[" + name + ", " + role + ", " + jpeg.length + " bytes]";
    }
}
