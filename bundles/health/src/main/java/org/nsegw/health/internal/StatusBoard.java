package org.nsegw.health.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.DeviceStatusBoard;
import org.nsegw.api.health.GatewayHealth;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.api.runtime.Readiness;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.nsegw.api.runtime.SiteState;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Keeps the latest status of every device, watches whether every configured component is active, and writes both
 * to {@code <data>/status.json}: at once when something changes, and every {@value #HEARTBEAT_SECONDS} seconds so
 * that {@code nsegw status} can tell a running gateway from one that died.
 */
@Component(immediate = true, configurationPid = "org.nsegw.gateway", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = GatewayConfig.class)
public final class StatusBoard implements DeviceStatusBoard {

    static final int HEARTBEAT_SECONDS = 5;
    private static final com.fasterxml.jackson.databind.ObjectMapper HEALTH_JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** Components settle within seconds of a start; watch closely until then so that readiness is seen at once. */
    private static final long FAST_POLL_MS = 50;
    private static final long FAST_POLL_FOR_MS = 15_000;
    private static final long SLOW_POLL_MS = 1_000;

    private final ServiceComponentRuntime scr;
    private final ConfigurationAdmin configAdmin;
    private final boolean siteExpected;
    private final Logger log;
    private final Path statusFile;
    private final Map<String, Object> identity;
    private final Instant started = Instant.now();
    private final Map<String, DeviceStatus> devices = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService scheduler;
    private final ServiceRegistration<Readiness> readiness;
    private volatile ComponentCensus census = new ComponentCensus(0, List.of("status board: starting"));
    private volatile boolean dirty = true;
    private Instant lastWrite = Instant.EPOCH;

    /** Present once the site configurator has read the site file (absent inside Kura, where there is none). */
    @Reference(name = "site", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SiteState site;

    private final BundleContext bundleContext;

    /** The health report for status.json; absent until the health component runs (it needs this board). */
    @Reference(name = "health", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile GatewayHealth health;

    @Activate
    public StatusBoard(BundleContext context, GatewayConfig config, @Reference(name = "scr") ServiceComponentRuntime scr,
            @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) throws IOException {
        this.scr = scr;
        this.configAdmin = configAdmin;
        this.log = log;
        this.bundleContext = context;
        this.siteExpected = context.getProperty(GatewayProperties.SITE_FILE) != null;
        try {
            ZoneId.of(config.timezone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time zone '" + config.timezone() + "' is not known; use a name such as Asia/Shanghai");
        }
        String data = context.getProperty(GatewayProperties.DATA_DIR);
        Path dir = data != null ? Path.of(data) : context.getDataFile("").toPath();
        Files.createDirectories(dir);
        this.statusFile = dir.resolve("status.json");
        this.identity = identity(config);
        this.readiness = context.registerService(Readiness.class, new Readiness() {
            @Override
            public boolean ready() {
                return census.ready();
            }

            @Override
            public List<String> pending() {
                return census.pending();
            }
        }, readinessProperties(census));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsegw-status");
            t.setDaemon(true);
            return t;
        });
        ScheduledFuture<?> fast = scheduler.scheduleWithFixedDelay(this::tick, 0, FAST_POLL_MS, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> {
            fast.cancel(false);
            scheduler.scheduleWithFixedDelay(this::tick, 0, SLOW_POLL_MS, TimeUnit.MILLISECONDS);
        }, FAST_POLL_FOR_MS, TimeUnit.MILLISECONDS);
        log.info("Gateway {} ({}) status in {}", config.id(), config.name(), statusFile);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        readiness.unregister();
        write(false);
        log.info("Final status written to {}", statusFile);
    }

    @Override
    public void report(DeviceStatus status) {
        Objects.requireNonNull(status, "status");
        DeviceStatus previous = devices.put(status.deviceId(), status);
        if (previous == null || previous.state() != status.state() || !previous.reason().equals(status.reason())) {
            String line = "Device {} ({}{}) {}{}";
            Object[] args = {status.deviceId(), status.kind().profileKind(),
                    status.lane().isEmpty() ? "" : ", lane " + status.lane(), status.state(),
                    status.reason().isEmpty() ? "" : ": " + status.reason()};
            if (status.state() == DeviceState.ONLINE) {
                log.info(line, args);
            } else {
                log.warn(line, args);
            }
            dirty = true;
        }
    }

    @Override
    public void remove(String deviceId) {
        if (devices.remove(deviceId) != null) {
            dirty = true;
        }
    }

    @Override
    public List<DeviceStatus> devices() {
        return List.copyOf(devices.values());
    }

    private void tick() {
        try {
            ComponentCensus now = ComponentCensus.of(views());
            if (!now.equals(census)) {
                boolean becameReady = now.ready() && !census.ready();
                census = now;
                readiness.setProperties(readinessProperties(now));
                dirty = true;
                if (becameReady) {
                    log.info("All {} components active", now.active());
                }
            }
            if (dirty || Instant.now().isAfter(lastWrite.plusSeconds(HEARTBEAT_SECONDS))) {
                write(true);
            }
        } catch (RuntimeException e) {
            log.error("Status update failed", e);
        }
    }

    /**
     * Every component configuration, plus what is missing: the site file not applied yet, or a configuration that
     * Configuration Admin holds for a component but has not delivered to it yet.
     */
    private List<ComponentCensus.View> views() {
        List<ComponentCensus.View> views = new ArrayList<>();
        SiteState s = site;
        if (siteExpected && (s == null || !s.applied())) {
            views.add(new ComponentCensus.View("site", "", ComponentCensus.State.WAITING, "the site file to be applied"));
        }
        // A gateway bundle that has not started yet has components SCR does not know of: not ready. Nor is one that
        // has started but whose components SCR has not read yet (it does so after the bundle's STARTED event).
        Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs();
        Set<Long> described = new HashSet<>();
        descriptions.forEach(d -> described.add(d.bundle.id));
        for (org.osgi.framework.Bundle b : bundleContext.getBundles()) {
            String name = b.getSymbolicName();
            if (name == null || !name.startsWith("org.nsegw.") || b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            if (b.getState() != org.osgi.framework.Bundle.ACTIVE) {
                views.add(new ComponentCensus.View(name, "", ComponentCensus.State.WAITING, "its bundle to start"));
            } else if (b.getHeaders().get("Service-Component") != null && !described.contains(b.getBundleId())) {
                views.add(new ComponentCensus.View(name, "", ComponentCensus.State.WAITING, "its components to be read"));
            }
        }
        Map<String, String> componentByPid = new HashMap<>();
        Set<String> deliveredPids = new HashSet<>();
        for (ComponentDescriptionDTO d : descriptions) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            if (!"ignore".equals(d.configurationPolicy)) {
                for (String pid : d.configurationPid) {
                    componentByPid.put(pid, d.name);
                }
            }
            var configurations = scr.getComponentConfigurationDTOs(d);
            if (configurations.isEmpty()) {
                views.add(new ComponentCensus.View(d.name, "", ComponentCensus.State.IDLE, ""));
            }
            for (ComponentConfigurationDTO c : configurations) {
                Object servicePid = c.properties.get(Constants.SERVICE_PID);
                if (servicePid instanceof String one) {
                    deliveredPids.add(one);
                } else if (servicePid instanceof String[] several) {
                    deliveredPids.addAll(List.of(several));
                }
                Object id = c.properties.get("id");
                Object pid = c.properties.get("service.pid");
                String instance = id != null ? id.toString() : pid != null && !pid.equals(d.name) ? pid.toString() : "";
                views.add(switch (c.state) {
                    case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED ->
                        new ComponentCensus.View(d.name, instance, ComponentCensus.State.ACTIVE, "");
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE ->
                        new ComponentCensus.View(d.name, instance, ComponentCensus.State.WAITING, missing(c));
                    case ComponentConfigurationDTO.FAILED_ACTIVATION ->
                        new ComponentCensus.View(d.name, instance, ComponentCensus.State.FAILED, firstLine(c.failure));
                    // configured but between states (SCR is activating it): not ready yet; unconfigured: idle
                    default -> servicePid == null ? new ComponentCensus.View(d.name, instance, ComponentCensus.State.IDLE, "")
                            : new ComponentCensus.View(d.name, instance, ComponentCensus.State.WAITING,
                                    "its activation to finish (state " + c.state + ")");
                });
            }
        }
        try {
            Configuration[] held = configAdmin.listConfigurations(null);
            for (Configuration c : held == null ? new Configuration[0] : held) {
                String target = c.getFactoryPid() != null ? c.getFactoryPid() : c.getPid();
                String component = componentByPid.get(target);
                if (component != null && !deliveredPids.contains(c.getPid())) {
                    views.add(new ComponentCensus.View(component, c.getPid(), ComponentCensus.State.WAITING,
                            "its configuration to be delivered"));
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("Cannot list configurations: {}", e.toString());
        }
        return views;
    }

    private static String missing(ComponentConfigurationDTO c) {
        List<String> names = new ArrayList<>();
        for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
            names.add(r.name + (r.target == null ? "" : " " + r.target));
        }
        return names.isEmpty() ? "references" : String.join(", ", names);
    }

    private static String firstLine(String failure) {
        if (failure == null) {
            return "unknown reason";
        }
        // The runtime reports the exception with its stack trace; the message of the root cause is what helps.
        String[] lines = failure.split("\\R");
        String last = lines[0];
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                last = line.substring("Caused by: ".length());
            }
        }
        return last;
    }

    private synchronized void write(boolean running) {
        dirty = false;
        Instant now = Instant.now();
        byte[] json = StatusDocument.render(identity, ProcessHandle.current().pid(), started, now, running,
                HEARTBEAT_SECONDS, census, devices(), healthReport());
        Path tmp = statusFile.resolveSibling("status.json.tmp");
        try {
            Files.write(tmp, json);
            Files.move(tmp, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            lastWrite = now;
        } catch (IOException e) {
            log.error("Cannot write {}: {}", statusFile, e.toString());
        }
    }

    private com.fasterxml.jackson.databind.JsonNode healthReport() {
        GatewayHealth h = health;
        if (h == null) {
            return null;
        }
        try {
            return HEALTH_JSON.readTree(h.reportJson());
        } catch (IOException | RuntimeException e) {
            log.debug("Health report not in status.json: {}", e.toString());
            return null;
        }
    }

    private static Dictionary<String, Object> readinessProperties(ComponentCensus c) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(Readiness.READY, c.ready());
        p.put(Readiness.ACTIVE, c.active());
        p.put(Readiness.PENDING, c.pending().toArray(String[]::new));
        return p;
    }

    private static Map<String, Object> identity(GatewayConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("stationCode", c.stationCode());
        m.put("latitude", c.location_latitude());
        m.put("longitude", c.location_longitude());
        m.put("road", c.location_road());
        m.put("place", c.location_description());
        m.put("timezone", c.timezone());
        return m;
    }
}
