package org.nsegw.anpr.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.nsegw.anpr.receiver", name = "ANPR camera receiver",
        description = "The HTTP endpoint ANPR cameras in push mode post their reads to. It runs while the site has "
                + "at least one push camera.")
@interface ReceiverConfig {

    String PID = "org.nsegw.anpr.receiver";

    @AttributeDefinition(name = "Port", min = "0", max = "65535",
            description = "the TCP port cameras push to; set the same in each camera's alarm/event server settings "
                    + "(0 takes any free port, for tests)")
    int port() default 8088;

    @AttributeDefinition(name = "Bind address", required = false,
            description = "the gateway address to listen on, e.g. the camera network's; empty listens on all")
    String bindAddress() default "";

    @AttributeDefinition(name = "Hikvision path", description = "the URL path Hikvision cameras are set to post to")
    String hikvisionPath() default "/anpr/hikvision";

    @AttributeDefinition(name = "Largest push (KiB)", min = "64", max = "65536",
            description = "larger pushes are refused with 413 before they are read")
    int maxBodyKb() default 8192;

    @AttributeDefinition(name = "Request time limit (s)", min = "2", max = "300",
            description = "a push whose request is not complete in this time is cut off (slow or stuck senders)")
    int requestTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Threads", min = "1", max = "64", description = "pushes handled at once")
    int threads() default 8;
}
