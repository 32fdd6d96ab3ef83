package org.nsegw.vision.internal.camera;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One site camera's settings, typed and checked: a value that cannot work is an exception whose message names the
 * site-file key and what to write instead.
 *
 * @param id            the device id
 * @param lane          the exit lane
 * @param source        where frames come from: snapshot, mjpeg, event-images, directory
 * @param address       the camera's address (snapshot, mjpeg)
 * @param port          its HTTP port
 * @param path          the snapshot or stream path
 * @param directory     the image directory (directory), resolved
 * @param username      the account, empty for none
 * @param password      its password
 * @param interval      how often to take a frame
 * @param offlineAfter  no frame for this long: offline
 * @param eventCamera   the gate ANPR camera whose reads bring images or say a truck is there; empty: any gate camera of
 *                      the lane (presence only)
 * @param width         the width every frame must have, 0 for any
 * @param height        the height every frame must have, 0 for any
 * @param maxFrameBytes the largest JPEG taken
 * @param regions       the regions of the view
 * @param cleanRoad     the clean road reference image, resolved, if any
 * @param presence      motion or anpr
 * @param motionShare   motion presence: the share of the zones that must change
 * @param presenceHold  anpr presence: how long after a read the truck is in view
 */
public record CameraSettings(String id, String lane, String source, String address, int port, String path, Optional<Path> directory,
        String username, String password, Duration interval, Duration offlineAfter, String eventCamera, int width, int height,
        int maxFrameBytes, ExitRegions regions, Optional<Path> cleanRoad, String presence, double motionShare, Duration presenceHold) {

    /** Device ids end up in folder names: the site file's id rule. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public CameraSettings {
        Objects.requireNonNull(regions, "regions");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        switch (source) {
            case "snapshot", "mjpeg" -> {
                if (address.isBlank()) {
                    throw new IllegalArgumentException("protocol " + source + " needs the camera's address");
                }
                if (path.isBlank()) {
                    throw new IllegalArgumentException("protocol " + source + " needs the " + (source.equals("mjpeg") ? "stream" : "snapshot")
                            + " path on the camera, e.g. " + (source.equals("mjpeg") ? "/mjpeg/1" : "/ISAPI/Streaming/channels/101/picture"));
                }
            }
            case "directory" -> {
                if (directory.isEmpty()) {
                    throw new IllegalArgumentException("protocol directory needs path: the folder of images to replay");
                }
            }
            case "event-images" -> {
                if (eventCamera.isBlank()) {
                    throw new IllegalArgumentException("protocol event-images needs eventCamera: the id of the gate ANPR camera whose "
                            + "event pictures are the frames");
                }
            }
            default -> throw new IllegalArgumentException("protocol '" + source + "' is not one of snapshot, mjpeg, event-images, directory");
        }
        if (!presence.equals("motion") && !presence.equals("anpr")) {
            throw new IllegalArgumentException("presence.mode '" + presence + "' is not one of motion, anpr");
        }
        if ((width == 0) != (height == 0)) {
            throw new IllegalArgumentException("frame.width and frame.height go together: give both (e.g. 1280 and 720) or neither");
        }
    }

    /**
     * A path from the site file: absolute as given, relative to the site file's folder otherwise.
     *
     * @param siteDir the site file's folder, if the gateway runs from a site file
     */
    public static Optional<Path> resolve(String path, Optional<Path> siteDir) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(path.strip());
        return Optional.of(p.isAbsolute() || siteDir.isEmpty() ? p : siteDir.get().resolve(p).normalize());
    }
}
