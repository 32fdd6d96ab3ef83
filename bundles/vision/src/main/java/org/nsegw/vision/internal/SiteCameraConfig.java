package org.nsegw.vision.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = "org.nsegw.vision.camera", name = "Site camera",
        description = "A camera at a site exit whose frames are analysed for muddy vehicles, uncovered loads and a dirty road.")
@interface SiteCameraConfig {

    @AttributeDefinition(name = "Device id", description = "unique id of the camera on this gateway, e.g. cam-exit")
    String id();

    @AttributeDefinition(name = "Profile", description = "the device profile, e.g. camera/hikvision-snapshot")
    String profile();

    @AttributeDefinition(name = "Model", required = false, description = "vendor and model, from the profile")
    String model() default "";

    @AttributeDefinition(name = "Lane", description = "the exit lane the camera watches")
    String lane();

    @AttributeDefinition(name = "Frame source", description = "where frames come from", options = {
        @Option(value = "snapshot", label = "JPEG snapshots polled over HTTP"),
        @Option(value = "mjpeg", label = "HTTP MJPEG stream"),
        @Option(value = "event-images", label = "images attached to camera events"),
        @Option(value = "directory", label = "a directory of images (replay)")})
    String protocol();

    @AttributeDefinition(name = "Address", required = false, description = "the camera's IP address or host name")
    String address() default "";

    @AttributeDefinition(name = "HTTP port", min = "1", max = "65535", description = "the camera's HTTP port")
    int port() default 80;

    @AttributeDefinition(name = "Path", required = false,
            description = "the snapshot or stream path on the camera, or the image directory for replay (relative to the site file's folder)")
    String path() default "";

    @AttributeDefinition(name = "User name", required = false, description = "the camera's account; empty: none")
    String username() default "";

    @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD, description = "the password of that account")
    String password() default "";

    @AttributeDefinition(name = "Frame interval (ms)", min = "40", max = "60000",
            description = "how often to take a frame (snapshots, replay); an MJPEG stream comes at the camera's rate")
    int intervalMs() default 500;

    @AttributeDefinition(name = "Offline after (s)", min = "5", max = "86400",
            description = "no frame for this long marks the camera offline")
    int offlineAfterSeconds() default 30;

    @AttributeDefinition(name = "Event camera", required = false,
            description = "event-images and anpr presence: the id of the gate ANPR camera whose reads bring the images or say a truck is there")
    String eventCamera() default "";

    @AttributeDefinition(name = "Frame width", min = "0", max = "8192",
            description = "the width every frame must have, in pixels; 0 takes any (frames of another size are rejected and alarmed)")
    int frame_width() default 0;

    @AttributeDefinition(name = "Frame height", min = "0", max = "8192", description = "the height every frame must have; 0 takes any")
    int frame_height() default 0;

    @AttributeDefinition(name = "Largest frame (KiB)", min = "16", max = "16384",
            description = "a JPEG larger than this is refused without being held in memory")
    int frame_maxKb() default 2048;

    @AttributeDefinition(name = "Wheel zone", cardinality = 32,
            description = "polygon around the wheels and lower body of a truck stopped at the exit: its corners as \"x,y\", fractions "
                    + "of the frame's width and height (0 to 1 from the top left), at least 3, e.g. [\"0.2,0.6\", \"0.87,0.6\", \"0.87,0.83\", \"0.2,0.83\"]")
    String[] regions_wheelZone();

    @AttributeDefinition(name = "Body zone", cardinality = 32,
            description = "polygon around the body and load of a truck stopped at the exit, where an uncovered load shows (corners \"x,y\", 0 to 1)")
    String[] regions_bodyZone();

    @AttributeDefinition(name = "Road zone", cardinality = 32,
            description = "polygon around the road at the exit, judged for dirt against the clean road reference (corners \"x,y\", 0 to 1)")
    String[] regions_roadZone();

    @AttributeDefinition(name = "Wash area", required = false, cardinality = 32,
            description = "polygon around the wheel-wash area, if the camera sees it (corners \"x,y\", 0 to 1); empty if not")
    String[] regions_washArea() default {};

    @AttributeDefinition(name = "Clean road reference", required = false,
            description = "a JPEG of the exit's road when clean, taken by this camera at its resolution (relative to the site file's "
                    + "folder); without it the road is not judged")
    String reference_cleanRoad() default "";

    @AttributeDefinition(name = "Presence", description = "how the camera knows a truck is at the exit, so that only those frames are analysed",
            options = {
                @Option(value = "motion", label = "background subtraction in the wheel and body zones"),
                @Option(value = "anpr", label = "the gate ANPR camera's reads (eventCamera)")})
    String presence_mode() default "motion";

    @AttributeDefinition(name = "Motion share", min = "0.01", max = "0.9",
            description = "motion presence: the share of the wheel and body zones that must change for a truck to be there")
    double presence_motionShare() default 0.12;

    @AttributeDefinition(name = "Presence hold (s)", min = "1", max = "120",
            description = "anpr presence: how long after a gate read the truck is taken to be in view")
    int presence_holdSeconds() default 8;

    @AttributeDefinition(name = "Frames before", min = "0", max = "50", description = "evidence: frames kept from before the truck arrived")
    int evidence_framesBefore() default 5;

    @AttributeDefinition(name = "Frames after", min = "0", max = "50", description = "evidence: frames taken after the truck left")
    int evidence_framesAfter() default 5;

    @AttributeDefinition(name = "Longest clip (frames)", min = "10", max = "1500",
            description = "evidence: the most frames of one exit in its clip; a truck standing longer ends its exit there")
    int evidence_maxFrames() default 150;

    @AttributeDefinition(name = "Least confidence", min = "0", max = "1",
            description = "an observation less confident than this is not reported (the rules' thresholds decide on the rest)")
    double evidence_minConfidence() default 0.5;

    @AttributeDefinition(name = "Road check every (s)", min = "1", max = "3600",
            description = "how often the road is judged while no truck is at the exit")
    int road_everySeconds() default 10;

    @AttributeDefinition(name = "Dirty road after (min)", min = "1", max = "1440",
            description = "the road must stay dirty this long before it is reported (a puddle, a shadow or one truck's mud is not a dirty road)")
    int road_sustainMinutes() default 10;

    @AttributeDefinition(name = "Clean gap (min)", min = "0", max = "120",
            description = "a clean stretch shorter than this does not end a dirty spell (e.g. a truck standing on the dirt)")
    int road_gapMinutes() default 2;

    @AttributeDefinition(name = "Dirty road report every (min)", min = "1", max = "1440",
            description = "a road that stays dirty is reported again after this long")
    int road_reportMinutes() default 30;
}
