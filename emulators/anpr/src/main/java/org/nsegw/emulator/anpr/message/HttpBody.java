package org.nsegw.emulator.anpr.message;

import java.util.Objects;

/** A request body and its Content-Type. */
public record HttpBody(String contentType, byte[] bytes) {
    public HttpBody {
        Objects.requireNonNull(contentType, "contentType");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }
}
