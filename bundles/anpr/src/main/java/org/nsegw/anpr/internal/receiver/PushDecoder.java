package org.nsegw.anpr.internal.receiver;

import java.util.List;
import org.nsegw.anpr.internal.event.MalformedEvent;

/** Turns a camera's HTTP push into a {@link Push}, by vendor format. Pure. */
public interface PushDecoder {

    /**
     * One part of a multipart body, or the whole body of a plain one.
     *
     * @param name        the form field name, e.g. {@code anpr.xml}; empty for a plain body
     * @param fileName    the file name, if any
     * @param contentType the part's content type, empty if none
     * @param bytes       the content
     */
    record Part(String name, String fileName, String contentType, byte[] bytes) {
    }

    /**
     * @param vendor {@code hikvision} or {@code dahua}
     * @param path   the request path, which for Dahua says what the push is
     * @param parts  the parts of the body in order (one for a plain body)
     * @throws MalformedEvent when the push is not a valid message of that vendor
     */
    Push decode(String vendor, String path, List<Part> parts) throws MalformedEvent;
}
