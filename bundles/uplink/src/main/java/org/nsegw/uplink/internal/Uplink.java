package org.nsegw.uplink.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import org.nsegw.api.health.GatewayHealth;
import org.nsegw.api.uplink.UplinkEndpoint;
import org.nsegw.outbox.Outbox;
import org.nsegw.uplink.internal.protocol.Topics;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Delivers the outbox's cases to the platform over MQTT 5 ({@code docs/uplink.md}): one sender thread (the
 * {@link Courier}) over a Paho connection. The outbox is the one the evidence component opened, offered as a service
 * {@code org.nsegw.outbox.Outbox} (an outbox folder can be open only once).
 */
@Component(immediate = true, configurationPid = "org.nsegw.uplink", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Uplink.class)
@Designate(ocd = UplinkConfig.class)
public final class Uplink {

    static final Set<String> SCHEMES = Set.of("tcp", "ssl", "mqtt", "mqtts");

    private final Logger log;
    private final Courier courier;
    /** The broker and the connection state, for remote configuration's own connection ({@link UplinkEndpoint}). */
    private final ServiceRegistration<UplinkEndpoint> endpoint;

    /** The gateway's health report and alarms, sent with the status and heartbeat; absent without the health bundle. */
    @Reference(name = "health", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile GatewayHealth health;

    @Activate
    public Uplink(BundleContext context, UplinkConfig config, @Reference(name = "gateway") GatewayId gateway,
            @Reference(name = "outbox") Outbox outbox, @Reference(name = "log", service = LoggerFactory.class) Logger log)
            throws IOException {
        this.log = log;
        URI broker = brokerUri(config.broker());
        boolean v5 = !"3.1.1".equals(config.mqttVersion());
        Topics topics = new Topics(config.topicPrefix(), gateway.id());
        String clientId = config.clientId().isEmpty() ? gateway.id() : config.clientId();
        boolean tls = broker.getScheme().equals("ssl") || broker.getScheme().equals("mqtts");
        SSLSocketFactory sockets;
        try {
            sockets = tls ? Tls.socketFactory(config.tls_caFile(), config.tls_certFile(), config.tls_keyFile()) : null;
        } catch (IOException | RuntimeException e) {
            // The gateway keeps working: cases wait in the outbox, durable, until the uplink can start.
            log.error("ALARM uplink: TLS to {} cannot be set up: {}. The uplink stays offline and cases wait in the outbox;"
                    + " fix the uplink.tls files and restart the gateway.", broker, e.getMessage());
            this.courier = null;
            this.endpoint = null;
            return;
        }
        String paho = (tls ? "ssl" : "tcp") + "://" + broker.getHost() + ":" + (broker.getPort() > 0 ? broker.getPort() : tls ? 8883 : 1883);
        PahoV5Link.Settings settings = new PahoV5Link.Settings(paho, clientId, config.username(), config.password(),
                config.keepAliveSeconds(), config.sessionExpirySeconds(), sockets, topics.ack(), Courier.will(topics, gateway.id()));
        BrokerLink link = v5 ? new PahoV5Link(settings) : new PahoV3Link(settings);
        String version = context.getBundle().getVersion().toString();
        this.courier = new Courier(outbox, link, new Courier.Settings(topics, gateway.id(), config.maxChunkKb(),
                config.heartbeatSeconds(), config.ackTimeoutSeconds(), version), Clock.systemUTC(), log);
        courier.health(() -> health);
        courier.start();
        this.endpoint = context.registerService(UplinkEndpoint.class, new Endpoint(paho, clientId, config.username(),
                config.password(), sockets, v5 ? "5" : "3.1.1", config.topicPrefix(), gateway.id(), courier), null);
        log.info("Uplink to {} as {} (MQTT {}{}), topics {}/{}/…", broker, clientId, v5 ? "5" : "3.1.1",
                tls ? ", TLS" + (config.tls_certFile().isEmpty() ? "" : " with a client certificate") : "", config.topicPrefix(),
                gateway.id());
    }

    /** What {@link UplinkEndpoint} tells, with the courier for the connection state. */
    private record Endpoint(String broker, String clientId, String username, String password, SSLSocketFactory socketFactory,
            String mqttVersion, String topicPrefix, String gatewayId, Courier courier) implements UplinkEndpoint {

        @Override
        public boolean connected() {
            return courier.connected();
        }

        @Override
        public java.util.Optional<java.time.Instant> lastVerified() {
            return courier.lastVerified();
        }
    }

    @Deactivate
    void deactivate() {
        if (courier == null) {
            return;
        }
        try {
            endpoint.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        try {
            courier.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Uplink stopped: {}", courier.counters());
    }

    static URI brokerUri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("broker '" + text + "' must be tcp://HOST:PORT or ssl://HOST:PORT");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker '" + text + "' is not a URL: " + e.getReason());
        }
    }
}
