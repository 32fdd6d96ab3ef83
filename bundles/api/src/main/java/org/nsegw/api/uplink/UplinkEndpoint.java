package org.nsegw.api.uplink;

import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * The broker the uplink is configured for, so that another bundle can open a connection of its own to it (remote
 * configuration does, with its own client id: {@code docs/remote.md}), and whether the uplink is connected now.
 * Registered by the uplink component while it runs; a new configuration of the uplink registers a new one.
 */
public interface UplinkEndpoint {

    /** The broker as Paho takes it: {@code tcp://HOST:PORT} or {@code ssl://HOST:PORT}. */
    String broker();

    /** The uplink's own MQTT client id; others add a suffix, a broker allows one connection per client id. */
    String clientId();

    /** The account on the broker; empty for none. */
    String username();

    String password();

    /** Sockets for {@code ssl://} (the uplink's CA and client certificate); null for plain TCP. */
    SSLSocketFactory socketFactory();

    /** {@code 5} or {@code 3.1.1}. */
    String mqttVersion();

    /** The topic prefix {@code P} of {@code P/G/...}. */
    String topicPrefix();

    /** The gateway id {@code G}. */
    String gatewayId();

    /** Whether the uplink's own connection to the broker is up now. */
    boolean connected();

    /**
     * When the platform last answered {@code VERIFIED} for a case of this gateway (and the uplink took it), since the
     * uplink started; empty before the first. The installer console's connectivity test shows it (since 0.2.0).
     */
    default Optional<Instant> lastVerified() {
        return Optional.empty();
    }
}
