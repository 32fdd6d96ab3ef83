package org.nsegw.emulator.anpr;

import java.util.Locale;

/** How an emulated camera delivers its reads: the vendor's protocol and, for Hikvision, the alert's format. */
public enum CameraProtocol {
    /** Hikvision ISAPI: multipart/form-data with the EventNotificationAlert XML and the JPEGs. */
    HIKVISION_ISAPI_XML("hikvision-isapi"),
    /** The same push with the alert as JSON, as cameras set to {@code parameterFormatType=JSON} send it. */
    HIKVISION_ISAPI_JSON("hikvision-isapi"),
    /** Dahua ITSAPI: TollgateInfo JSON with base64 JPEGs, and KeepAlive heartbeats. */
    DAHUA_ITSAPI("dahua-itsapi");

    private final String profileProtocol;

    CameraProtocol(String profileProtocol) {
        this.profileProtocol = profileProtocol;
    }

    /** The {@code protocol} of the device profiles in {@code device-profiles/anpr/}. */
    public String profileProtocol() {
        return profileProtocol;
    }

    public boolean isHikvision() {
        return this != DAHUA_ITSAPI;
    }

    /** Reads {@code hikvision-isapi}, {@code hikvision-isapi-json} or {@code dahua-itsapi}. */
    public static CameraProtocol parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "hikvision-isapi", "hikvision-isapi-xml" -> HIKVISION_ISAPI_XML;
            case "hikvision-isapi-json" -> HIKVISION_ISAPI_JSON;
            case "dahua-itsapi" -> DAHUA_ITSAPI;
            default -> throw new IllegalArgumentException("the ANPR emulator plays hikvision-isapi, hikvision-isapi-json and "
                    + "dahua-itsapi, not " + text);
        };
    }
}
