package org.nsegw.api.vision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a site camera shows of itself, for the installer console: its latest good frame and the regions of interest it
 * is configured with. Registered by every site camera, with its configuration's properties (among them {@code id}).
 * Read-only: regions are changed through the site configuration, never here.
 */
public interface CameraView {

    /** The region keys, in the order they are drawn: wheelZone, bodyZone, roadZone, washArea. */
    List<String> REGIONS = List.of("wheelZone", "bodyZone", "roadZone", "washArea");

    /** The camera's device id. */
    String deviceId();

    String lane();

    /** The size every frame must have ({@code frame.width}, {@code frame.height}); 0 and 0 when any size is taken. */
    int frameWidth();

    int frameHeight();

    /**
     * The regions as configured ({@code regions.wheelZone} ...), by name without the prefix, each a list of {@code "x,y"}
     * corners as written in the configuration (not checked: an invalid configuration is shown as it is); a region that is
     * not set is absent.
     */
    Map<String, List<String>> regions();

    /** The latest frame that decoded and had the configured size; empty before the first. */
    Optional<Snapshot> latestFrame();

    /**
     * A frame as the camera took it.
     *
     * @param jpeg   the JPEG as the camera sent it
     * @param time   when it was taken
     * @param width  its width in pixels
     * @param height its height in pixels
     */
    record Snapshot(byte[] jpeg, Instant time, int width, int height) {

        public Snapshot {
            Objects.requireNonNull(jpeg, "jpeg");
            Objects.requireNonNull(time, "time");
        }
    }
}
