package org.nsegw.anpr.internal.receiver;

import java.time.Duration;

/**
 * How the camera receiver listens.
 *
 * @param bindAddress   the address to listen on; empty or 0.0.0.0 for every interface
 * @param port          the TCP port; 0 takes any free one (tests)
 * @param maxBodyBytes  larger pushes are refused with 413 before they are read
 * @param readTimeout   a request whose body takes longer is cut off
 * @param threads       requests handled at once
 * @param hikvisionPath the path Hikvision cameras are set to post to
 */
public record ReceiverSettings(String bindAddress, int port, long maxBodyBytes, Duration readTimeout, int threads,
        String hikvisionPath) {

    public static final String DAHUA_READ = "/NotificationInfo/TollgateInfo";
    public static final String DAHUA_KEEPALIVE = "/NotificationInfo/KeepAlive";

    public ReceiverSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("the body limit must be at least 1 KiB");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread");
        }
        if (!hikvisionPath.startsWith("/")) {
            throw new IllegalArgumentException("the Hikvision path must start with /, not " + hikvisionPath);
        }
    }
}
