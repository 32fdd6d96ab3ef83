package org.nsegw.anpr.internal.event;

/**
 * The largest messages the parsers take. Anything larger is refused with a {@link MalformedEvent} before it is
 * parsed, so that a faulty or hostile camera cannot make the gateway hold unbounded memory.
 */
public final class Limits {

    /** An ISAPI event document, XML or JSON, without its pictures: real ones are a few KiB. */
    public static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    /** Pictures of one event: cameras send one to three. */
    public static final int MAX_PICTURES = 8;

    /** One picture, decoded: a 1080p JPEG is a few hundred KiB. */
    public static final int MAX_PICTURE_BYTES = 8 * 1024 * 1024;

    /** A Dahua TollgateInfo body with its base64 pictures. */
    public static final int MAX_DAHUA_BODY_BYTES = 24 * 1024 * 1024;

    /** A heartbeat body. */
    public static final int MAX_HEARTBEAT_BYTES = 64 * 1024;

    private Limits() {
    }
}
