package org.nsegw.vision.internal.camera;

import java.util.Objects;
import java.util.Optional;

/**
 * The regions of one exit camera's view, from the site file.
 *
 * @param wheelZone the wheels and lower body of a truck standing at the exit
 * @param bodyZone  the body and load of that truck
 * @param roadZone  the road surface at the exit
 * @param washArea  the wheel-wash area, when the camera sees it
 */
public record ExitRegions(Polygon wheelZone, Polygon bodyZone, Polygon roadZone, Optional<Polygon> washArea) {

    public ExitRegions {
        Objects.requireNonNull(wheelZone, "wheelZone");
        Objects.requireNonNull(bodyZone, "bodyZone");
        Objects.requireNonNull(roadZone, "roadZone");
        Objects.requireNonNull(washArea, "washArea");
    }
}
