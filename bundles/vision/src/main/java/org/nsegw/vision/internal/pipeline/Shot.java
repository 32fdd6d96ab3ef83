package org.nsegw.vision.internal.pipeline;

import java.time.Instant;

/**
 * A frame kept for evidence: the JPEG as the camera sent it (decoded again only when evidence is written, so that
 * keeping a clip's worth costs its JPEG size, not its pixels).
 */
public record Shot(byte[] jpeg, Instant time) {
}
