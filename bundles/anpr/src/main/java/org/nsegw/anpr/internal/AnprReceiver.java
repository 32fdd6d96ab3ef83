package org.nsegw.anpr.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nsegw.anpr.internal.http.Digest;
import org.nsegw.anpr.internal.receiver.CameraReceiver;
import org.nsegw.anpr.internal.receiver.ReceiverSettings;
import org.nsegw.anpr.internal.receiver.VendorDecoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The camera receiver of the site: listens while at least one camera of the site pushes, and hands each push to the
 * camera it comes from (by source address, and by account when cameras share an address).
 */
@Component(configurationPid = ReceiverConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ReceiverConfig.class)
public final class AnprReceiver {

    /** Service property of a push camera: its IP address as text. */
    static final String ADDRESS = "nsegw.anpr.address";

    private final Logger log;
    private final CameraReceiver receiver;
    private final Map<CameraReceiver.Camera, InetAddress> cameras = new ConcurrentHashMap<>();

    @Activate
    public AnprReceiver(ReceiverConfig config, @Reference(name = "log", service = LoggerFactory.class) Logger log)
            throws IOException {
        this.log = log;
        Duration limit = Duration.ofSeconds(config.requestTimeoutSeconds());
        Duration effective = CameraReceiver.limitRequestTime(limit);
        if (!effective.equals(limit)) {
            log.warn("Camera receiver: the request time limit stays {} s until the gateway restarts", effective.toSeconds());
        }
        ReceiverSettings settings = new ReceiverSettings(config.bindAddress(), config.port(), config.maxBodyKb() * 1024L,
                limit, config.threads(), config.hikvisionPath());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            receiver = new CameraReceiver(settings, (from, vendor) -> cameras.entrySet().stream()
                    .filter(e -> e.getValue().equals(from) && e.getKey().vendor().equals(vendor))
                    .map(Map.Entry::getKey).toList(), new VendorDecoder(java.time.ZoneId.systemDefault()), new Digest(secret, "nsegw"), Clock.systemUTC());
        } catch (IOException e) {
            log.error("Camera receiver cannot listen on {}:{}: {}; set cameraReceiver.port (and the cameras) to a free port",
                    config.bindAddress().isBlank() ? "*" : config.bindAddress(), config.port(), e.getMessage());
            throw e;
        }
        log.info("Camera receiver listening on {}:{} (Hikvision {}, Dahua {} and {}), pushes up to {} KiB",
                config.bindAddress().isBlank() ? "*" : config.bindAddress(), receiver.port(), config.hikvisionPath(),
                ReceiverSettings.DAHUA_READ, ReceiverSettings.DAHUA_KEEPALIVE, config.maxBodyKb());
    }

    @Reference(service = CameraReceiver.Camera.class, cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policy = ReferencePolicy.DYNAMIC)
    void addCamera(CameraReceiver.Camera camera, Map<String, Object> properties) {
        Object address = properties.get(ADDRESS);
        try {
            cameras.put(camera, InetAddress.getByName(String.valueOf(address)));
        } catch (UnknownHostException e) {
            // the camera resolved it before registering; an address that no longer resolves cannot push
            log.warn("Camera {}: address {} does not resolve", camera.id(), address);
        }
    }

    void removeCamera(CameraReceiver.Camera camera) {
        cameras.remove(camera);
    }

    /** The port listened on. */
    public int port() {
        return receiver.port();
    }

    /** Requests refused before their camera was known, by reason. */
    public Map<String, Long> counters() {
        return receiver.counters();
    }

    List<CameraReceiver.Camera> cameras() {
        return List.copyOf(cameras.keySet());
    }

    @Deactivate
    void deactivate() {
        receiver.close();
        log.info("Camera receiver stopped; refused before a camera was known: {}", receiver.counters());
    }
}
