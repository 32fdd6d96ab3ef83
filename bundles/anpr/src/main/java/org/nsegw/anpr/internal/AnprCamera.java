package org.nsegw.anpr.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nsegw.anpr.internal.camera.CameraSettings;
import org.nsegw.anpr.internal.camera.ReadSink;
import org.nsegw.anpr.internal.http.Credentials;
import org.nsegw.anpr.internal.pull.PullClient;
import org.nsegw.anpr.internal.receiver.CameraReceiver;
import org.nsegw.anpr.internal.store.MediaStore;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadListener;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.DeviceStatusBoard;
import org.nsegw.api.runtime.GatewayProperties;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
 * One ANPR camera of the site file. In push mode it offers itself to the camera receiver, which hands it the pushes
 * from the camera's address; in pull mode it holds the camera's event stream open itself. Either way every read is
 * stored with its images before anything else, then normalised and passed to every {@link PlateReadListener}; the
 * camera's health (reads, heartbeats, refusals, silence) goes to the status board. A configuration that cannot work
 * puts the device in ERROR with the reason instead of failing the component.
 */
// registered by hand (push cameras only), declared here so that resolvers know the receiver's reference is served
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.nsegw.anpr.internal.receiver.CameraReceiver$Camera\"")
@Component(configurationPid = "org.nsegw.anpr.camera", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = AnprCameraConfig.class, factory = true)
public final class AnprCamera {

    /** A pulled stream silent for this long (no event, no heartbeat) is opened again. */
    static final Duration PULL_READ_TIMEOUT = Duration.ofSeconds(60);

    private final DeviceStatusBoard board;
    private final Logger log;
    private final String deviceId;
    private final ReadSink sink;
    private final ScheduledExecutorService ticker;
    private final ServiceRegistration<CameraReceiver.Camera> registration;
    private final PullClient puller;

    @Reference(service = PlateReadListener.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<PlateReadListener> listeners = List.of();

    @Activate
    public AnprCamera(AnprCameraConfig config, BundleContext context, @Reference(name = "board") DeviceStatusBoard board,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.board = board;
        this.log = log;
        this.deviceId = config.id();
        Instant now = Instant.now();
        CameraSettings settings;
        InetAddress address;
        MediaStore store;
        ZoneId zone;
        try {
            settings = new CameraSettings(config.id(), config.lane(), CameraSettings.positionOf(config.position()),
                    CameraSettings.vendorOf(config.protocol()), config.direction(),
                    Duration.ofSeconds(config.clockToleranceSeconds()), Duration.ofSeconds(config.offlineAfterSeconds()),
                    config.lowConfidence());
            if (!config.mode().equals("push") && !config.mode().equals("pull")) {
                throw new IllegalArgumentException("mode must be push or pull, not " + config.mode());
            }
            address = resolve(config.address());
            zone = ZoneId.systemDefault(); // the launcher sets the site's time zone as the default
            store = new MediaStore(dataDir(context));
            int leftovers = store.cleanUp(deviceId);
            if (leftovers > 0) {
                log.info("ANPR camera {}: removed {} incomplete read folder(s) a crash left behind", deviceId, leftovers);
            }
        } catch (IllegalArgumentException | IOException e) {
            board.report(DeviceStatus.waiting(deviceId, DeviceKind.ANPR_CAMERA, config.lane(), now)
                    .withState(DeviceState.ERROR, "configuration: " + e.getMessage(), now));
            log.error("ANPR camera {} cannot work: {}", deviceId, e.getMessage());
            sink = null;
            ticker = null;
            registration = null;
            puller = null;
            return;
        }
        Optional<Credentials> credentials = config.username().isBlank() ? Optional.empty()
                : Optional.of(new Credentials(config.username(), config.password()));
        boolean push = config.mode().equals("push");
        String hint = push
                ? "check that the camera at " + config.address() + " pushes its events to this gateway's camera receiver"
                        + " (port and path in the cameraReceiver section of the site file)"
                : "the gateway cannot hold the event stream of " + config.address() + ":" + config.port() + " open";
        sink = new ReadSink(settings, credentials, store, Clock.systemUTC(), zone, hint, this::deliver, board::report);
        board.report(sink.status());
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsegw-anpr-" + deviceId);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        if (push) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(AnprReceiver.ADDRESS, address.getHostAddress());
            props.put("nsegw.device", deviceId);
            registration = context.registerService(CameraReceiver.Camera.class, sink, props);
            puller = null;
        } else {
            registration = null;
            puller = new PullClient(settings.vendor(), config.address(), config.port(), credentials, sink,
                    PULL_READ_TIMEOUT, zone, log);
            puller.start();
        }
        log.info("ANPR camera {} ({}, {} {}) at {}:{}, lane {} {}", deviceId, config.model(), config.protocol(),
                config.mode(), config.address(), config.port(), config.lane(), config.position());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (sink == null) {
            return;
        }
        if (registration != null) {
            registration.unregister();
        }
        if (puller != null) {
            puller.stop();
        }
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        board.report(sink.status().withState(DeviceState.OFFLINE, "gateway stopped", Instant.now()));
        log.info("ANPR camera {} stopped: {}", deviceId, sink.status().counters());
    }

    private void tick() {
        try {
            sink.tick().ifPresent(alarm -> log.warn("ALARM {}", alarm));
        } catch (RuntimeException e) {
            log.error("ANPR camera {}: health check failed", deviceId, e);
        }
    }

    private void deliver(PlateRead read) {
        log.debug("ANPR camera {}: {}", deviceId, read);
        for (PlateReadListener l : listeners) {
            try {
                l.plateRead(read);
            } catch (RuntimeException e) {
                log.error("A plate read listener failed on a read of {}", deviceId, e);
            }
        }
    }

    static InetAddress resolve(String address) {
        try {
            return InetAddress.getByName(address.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address '" + address + "' does not resolve; give the camera's IP address");
        }
    }

    static Path dataDir(BundleContext context) throws IOException {
        String data = context.getProperty(GatewayProperties.DATA_DIR);
        Path dir = data != null ? Path.of(data) : context.getDataFile("").toPath();
        Files.createDirectories(dir);
        return dir;
    }
}
