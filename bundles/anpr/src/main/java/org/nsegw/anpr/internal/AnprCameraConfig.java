package org.nsegw.anpr.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = "org.nsegw.anpr.camera", name = "ANPR camera",
        description = "A plate-recognition camera serving one lane at one position.")
@interface AnprCameraConfig {

    @AttributeDefinition(name = "Device id", description = "unique id of the camera on this gateway, e.g. anpr-L1-front")
    String id();

    @AttributeDefinition(name = "Profile", description = "the device profile, e.g. anpr/hikvision-isapi")
    String profile();

    @AttributeDefinition(name = "Model", required = false, description = "vendor and model, from the profile")
    String model() default "";

    @AttributeDefinition(name = "Lane", description = "the lane the camera watches")
    String lane();

    @AttributeDefinition(name = "Position", description = "where the camera looks at vehicles",
            options = {@Option(value = "front", label = "front (sees the vehicle coming)"),
                    @Option(value = "rear", label = "rear (sees the vehicle going)"), @Option(value = "gate", label = "site gate")})
    String position();

    @AttributeDefinition(name = "Protocol", description = "how the camera delivers its reads",
            options = {@Option(value = "hikvision-isapi", label = "Hikvision ISAPI"), @Option(value = "dahua-itsapi", label = "Dahua ITSAPI")})
    String protocol();

    @AttributeDefinition(name = "Mode", description = "push: the camera posts events to the gateway; pull: the gateway holds an event stream open",
            options = {@Option(value = "push", label = "push"), @Option(value = "pull", label = "pull")})
    String mode() default "push";

    @AttributeDefinition(name = "Address", description = "the camera's IP address or host name")
    String address();

    @AttributeDefinition(name = "HTTP port", min = "1", max = "65535", description = "pull: the camera's HTTP port")
    int port() default 80;

    @AttributeDefinition(name = "User name", required = false, description = "push: the account the camera must push with (empty: none asked); pull: the camera's account")
    String username() default "";

    @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD, description = "the password of that account")
    String password() default "";

    @AttributeDefinition(name = "Distance from the weigh sensor (m)", min = "-200", max = "200",
            description = "along the direction of travel: negative before the sensor (front cameras), positive after it")
    double distanceM() default 0;

    @AttributeDefinition(name = "Direction", description = "the direction of travel the camera should see; "
            + "reads of vehicles moving the other way are flagged (never dropped)",
            options = {@Option(value = "any", label = "any"), @Option(value = "forward", label = "forward (towards the camera)"),
                    @Option(value = "reverse", label = "reverse (away from the camera)")})
    String direction() default "any";

    @AttributeDefinition(name = "Low confidence", min = "0", max = "100",
            description = "reads the camera is less sure of than this are flagged; 0 flags only reads without a confidence")
    int lowConfidence() default 0;

    @AttributeDefinition(name = "Clock tolerance (s)", min = "0", max = "600",
            description = "how far the camera's time may be from the time its read arrives; beyond it the read is flagged and the arrival time used")
    int clockToleranceSeconds() default 2;

    @AttributeDefinition(name = "Offline after (s)", min = "10", max = "86400",
            description = "no event or heartbeat for this long marks the camera offline")
    int offlineAfterSeconds() default 300;
}
