package org.nsegw.anpr.internal.receiver;

import java.time.ZoneId;
import java.util.Locale;
import org.nsegw.anpr.internal.dahua.DahuaEvents;
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.isapi.IsapiEvents;

/**
 * The push formats of the supported vendors: Hikvision ISAPI (a multipart body with the event document and its
 * pictures, or the document alone) and Dahua ITSAPI (a JSON body, the path telling a read from a keep-alive).
 */
public final class VendorDecoder implements PushDecoder {

    private final ZoneId dahuaZone;

    /** @param dahuaZone the zone Dahua cameras' times are in (they carry no offset) */
    public VendorDecoder(ZoneId dahuaZone) {
        this.dahuaZone = dahuaZone;
    }

    @Override
    public CameraMessage decode(String vendor, String path, String contentType, byte[] body) throws MalformedEvent {
        return switch (vendor) {
            case "hikvision" -> IsapiEvents.parseRequest(contentType, body);
            case "dahua" -> {
                if (contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                    throw new MalformedEvent("a Dahua push is one JSON body, not a multipart body");
                }
                yield DahuaEvents.parse(path, body, dahuaZone);
            }
            default -> throw new IllegalArgumentException("unknown vendor " + vendor);
        };
    }
}
