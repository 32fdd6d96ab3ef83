package org.nsegw.api.device;

import java.util.Arrays;
import java.util.Optional;

/** The families of devices a gateway reads. Each device profile names one with its {@link #profileKind()}. */
public enum DeviceKind {
    /** A weigh-in-motion controller or a truck scale on a serial line. */
    WEIGH_SENSOR("weigh"),
    /** A plate-recognition camera that pushes or streams its reads. */
    ANPR_CAMERA("anpr"),
    /** A site-exit camera whose frames the gateway analyses for cleanliness. */
    SITE_CAMERA("camera");

    private final String profileKind;

    DeviceKind(String profileKind) {
        this.profileKind = profileKind;
    }

    /** The word used for this kind in device profiles and in the folder names under {@code device-profiles/}. */
    public String profileKind() {
        return profileKind;
    }

    public static Optional<DeviceKind> ofProfileKind(String word) {
        return Arrays.stream(values()).filter(k -> k.profileKind.equals(word)).findFirst();
    }
}
