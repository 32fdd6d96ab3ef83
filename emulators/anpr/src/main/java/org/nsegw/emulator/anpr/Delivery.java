package org.nsegw.emulator.anpr;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.nsegw.emulator.anpr.http.Credentials;

/**
 * How a camera hands its reads to the gateway.
 *
 * @param mode        push (the camera posts) or pull (the camera serves an event stream)
 * @param gateway     push: the gateway's base URL, {@code http://host:port}
 * @param path        push, Hikvision: the path the camera posts to (the camera's "HTTP listening" URL); Dahua cameras
 *                    post to {@code /NotificationInfo/TollgateInfo} and {@code /NotificationInfo/KeepAlive}
 * @param listen      pull: where the camera's stream server listens (port 0 for any free port)
 * @param credentials push: what the camera authenticates with; pull: the account clients must present (Digest)
 * @param heartbeat   the heartbeat interval in camera time, {@link Duration#ZERO} for none, or {@code null} for the
 *                    vendor's habit: Dahua push 30 s KeepAlive; Hikvision push none (ISAPI's listening mode has no
 *                    heartbeat); alertStream 10 s; snapManager the client's {@code heartbeat} parameter (default 5 s)
 * @param maxAttempts push: tries per post before the camera gives up on a read (at least 1)
 * @param retryDelay  push: camera time between tries
 */
public record Delivery(
        Mode mode,
        URI gateway,
        String path,
        InetSocketAddress listen,
        Credentials credentials,
        Duration heartbeat,
        int maxAttempts,
        Duration retryDelay) {

    /** Push or pull. */
    public enum Mode {
        PUSH, PULL
    }

    public static final String DEFAULT_HIKVISION_PATH = "/anpr/hikvision";
    static final Duration DAHUA_KEEP_ALIVE = Duration.ofSeconds(30);

    public Delivery {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(retryDelay, "retryDelay");
        if (mode == Mode.PUSH && (gateway == null || path == null || !path.startsWith("/"))) {
            throw new IllegalArgumentException("a pushing camera needs the gateway's URL and a path starting with /");
        }
        if (mode == Mode.PULL && listen == null) {
            throw new IllegalArgumentException("a camera served for pulling needs an address to listen on");
        }
        if (maxAttempts < 1 || retryDelay.isNegative() || heartbeat != null && heartbeat.isNegative()) {
            throw new IllegalArgumentException("bad retry or heartbeat settings");
        }
    }

    /** Pushing to the gateway: 4 tries 2 s apart, the vendor's heartbeats. */
    public static Delivery push(URI gateway, String path, Credentials credentials) {
        return new Delivery(Mode.PUSH, gateway, path, null, credentials, null, 4, Duration.ofSeconds(2));
    }

    /** Pushing to the gateway at the Hikvision default path. */
    public static Delivery push(URI gateway, Credentials credentials) {
        return push(gateway, DEFAULT_HIKVISION_PATH, credentials);
    }

    /** Serving an event stream on a loopback port (0: any free one). */
    public static Delivery pull(InetSocketAddress listen, Credentials credentials) {
        return new Delivery(Mode.PULL, null, null, listen, credentials, null, 1, Duration.ZERO);
    }

    public Delivery withHeartbeat(Duration interval) {
        return new Delivery(mode, gateway, path, listen, credentials, interval, maxAttempts, retryDelay);
    }

    public Delivery withRetries(int attempts, Duration delay) {
        return new Delivery(mode, gateway, path, listen, credentials, heartbeat, attempts, delay);
    }

    /** The push heartbeat interval of a camera of this protocol; zero for none. */
    Duration pushHeartbeat(CameraProtocol protocol) {
        if (heartbeat != null) {
            return heartbeat;
        }
        return protocol == CameraProtocol.DAHUA_ITSAPI ? DAHUA_KEEP_ALIVE : Duration.ZERO;
    }
}
