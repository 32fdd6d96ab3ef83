package org.nsegw.anpr.internal.receiver;

import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.event.MalformedEvent;

/** Turns a camera's HTTP push into a {@link CameraMessage}, by vendor format. Pure. */
public interface PushDecoder {

    /**
     * @param vendor      {@code hikvision} or {@code dahua}
     * @param path        the request path, which for Dahua says what the push is
     * @param contentType the request's Content-Type, empty if none
     * @param body        the whole body
     * @throws MalformedEvent when the push is not a valid message of that vendor
     */
    CameraMessage decode(String vendor, String path, String contentType, byte[] body) throws MalformedEvent;
}
