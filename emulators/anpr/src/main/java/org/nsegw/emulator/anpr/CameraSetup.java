package org.nsegw.emulator.anpr;

import java.util.Objects;

/**
 * One camera to emulate: what it is, how it delivers, and its faults.
 *
 * @param camera   the camera
 * @param delivery push or pull, with credentials
 * @param faults   the faults it injects
 */
public record CameraSetup(EmulatedCamera camera, Delivery delivery, Faults faults) {
    public CameraSetup {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(faults, "faults");
    }
}
