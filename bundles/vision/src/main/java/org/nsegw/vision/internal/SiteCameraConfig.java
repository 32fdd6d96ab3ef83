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
            description = "the snapshot or stream path on the camera, or the image directory for replay")
    String path() default "";

    @AttributeDefinition(name = "User name", required = false, description = "the camera's account; empty: none")
    String username() default "";

    @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD, description = "the password of that account")
    String password() default "";

    @AttributeDefinition(name = "Frame interval (ms)", min = "40", max = "60000", description = "how often to take a frame")
    int intervalMs() default 500;

    @AttributeDefinition(name = "Offline after (s)", min = "5", max = "86400",
            description = "no frame for this long marks the camera offline")
    int offlineAfterSeconds() default 30;
}
