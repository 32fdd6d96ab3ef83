package org.nsegw.health.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nsegw.api.device.DeviceStatusBoard;
import org.nsegw.api.health.GatewayHealth;
import org.nsegw.api.health.HealthAlarm;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.health.internal.HealthSnapshot.ClockStatus;
import org.nsegw.health.internal.HealthSnapshot.DiskUse;
import org.nsegw.health.internal.HealthSnapshot.Expiry;
import org.nsegw.health.internal.HealthSnapshot.OutboxHealth;
import org.nsegw.health.internal.HealthSnapshot.Versions;
import org.nsegw.outbox.Item;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.Usage;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The gateway's health ({@code docs/operations.md}, "Health and alarms"): reads devices (from the status board), the
 * outbox, the data directory's disk, the clock's time service, the certificates the configurations name and the
 * versions, every {@code health.checkSeconds}, raises and clears alarms on them ({@link HealthAlarms}: an {@code ALARM}
 * line in the log, and the uplink sends each on {@code P/G/alarm}) and offers the report ({@link HealthReport}) as the
 * {@link GatewayHealth} service. Runs with its defaults when the site file has no {@code health:} section.
 */
@Component(immediate = true, configurationPid = HealthConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = GatewayHealth.class)
@Designate(ocd = HealthConfig.class)
public final class HealthMonitor implements GatewayHealth {

    /** The time service is asked at most this often (it runs a command). */
    static final Duration CLOCK_EVERY = Duration.ofMinutes(1);
    static final String UPLINK_PID = "org.nsegw.uplink";
    static final String CONSOLE_PID = "org.nsegw.console";

    private final DeviceStatusBoard board;
    private final ConfigurationAdmin configAdmin;
    private final Logger log;
    private final Path dataDir;
    private final Versions versions;
    private final Clock clock = Clock.systemUTC();
    private final ClockProbe clockProbe = new ClockProbe();
    private final HealthAlarms alarms = new HealthAlarms();
    private final ScheduledExecutorService scheduler;
    /** Certificates read from files, by file, with the file's modification time: read again only when it changes. */
    private final Map<Path, Map.Entry<Long, Optional<X509Certificate>>> pemCache = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile HealthSettings settings;
    private volatile ClockStatus clockStatus = new ClockStatus(ClockStatus.UNKNOWN, "none", null, "not asked yet");
    private volatile List<Expiry> certificates = List.of();
    private Instant clockAsked = Instant.MIN;
    private ScheduledFuture<?> task;
    private int checkSeconds;

    @Reference(name = "outbox", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;

    @Activate
    public HealthMonitor(BundleContext context, HealthConfig config, @Reference(name = "board") DeviceStatusBoard board,
            @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) throws IOException {
        this.board = board;
        this.configAdmin = configAdmin;
        this.log = log;
        this.settings = HealthSettings.of(config);
        String data = context.getProperty(GatewayProperties.DATA_DIR);
        this.dataDir = data != null ? Path.of(data) : context.getDataFile("").toPath();
        Files.createDirectories(dataDir);
        this.versions = versions(context);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsegw-health");
            t.setDaemon(true);
            return t;
        });
        schedule(config.checkSeconds());
        log.info("Health checks every {} s: disk alarm at {} %, clock offset {} ms, certificates {} days (verification) / {} days (TLS)",
                config.checkSeconds(), settings.diskAlarmPercent(), settings.maxClockOffsetMs(), settings.verificationWarnDays(),
                settings.tlsWarnDays());
    }

    @Modified
    void modified(HealthConfig config) {
        settings = HealthSettings.of(config);
        synchronized (this) {
            if (config.checkSeconds() != checkSeconds) {
                task.cancel(false);
                schedule(config.checkSeconds());
            }
        }
        log.info("Health settings changed: check every {} s, disk alarm at {} %, clock offset {} ms", config.checkSeconds(),
                settings.diskAlarmPercent(), settings.maxClockOffsetMs());
    }

    private synchronized void schedule(int seconds) {
        checkSeconds = seconds;
        task = scheduler.scheduleWithFixedDelay(this::check, 0, seconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public String reportJson() {
        return new String(HealthReport.bytes(HealthReport.render(snapshot(clock.instant()), alarms.active())), StandardCharsets.UTF_8);
    }

    @Override
    public List<HealthAlarm> alarmsAfter(long after) {
        return alarms.after(after);
    }

    /** One round: the clock (at most once a minute), the certificates, then the alarms on the whole snapshot. */
    void check() {
        try {
            Instant now = clock.instant();
            if (clockAsked.plus(CLOCK_EVERY).isBefore(now) || now.isBefore(clockAsked)) {
                clockStatus = clockProbe.probe();
                clockAsked = now;
            }
            certificates = readCertificates();
            for (HealthAlarm a : alarms.evaluate(snapshot(now), settings)) {
                if (!a.raised()) {
                    log.info("Alarm cleared: {}", a.text().substring("cleared: ".length()));
                } else if (a.condition().startsWith("device:")) {
                    // the device's component logged its own ALARM when its watchdog fired; this one is for the platform
                    log.info("Device alarm raised for the platform: {}", a.text());
                } else {
                    log.warn("ALARM health: {}", a.text());
                }
            }
        } catch (RuntimeException e) {
            log.error("Health check failed: {}", e.toString(), e);
        }
    }

    private HealthSnapshot snapshot(Instant now) {
        return new HealthSnapshot(now, LocalDate.ofInstant(now, ZoneId.systemDefault()), board.devices(), outboxHealth(), disk(),
                clockStatus, certificates, versions);
    }

    private OutboxHealth outboxHealth() {
        Outbox o = outbox;
        if (o == null) {
            return null;
        }
        try {
            Usage u = o.usage();
            Optional<Item> oldest = o.oldestUnacknowledgedCase();
            return new OutboxHealth(u.pending(), u.unacknowledgedCases(), oldest.map(Item::caseId).orElse(null),
                    oldest.map(Item::stored).orElse(null));
        } catch (RuntimeException e) {
            // closed while the evidence component restarts, or its database failed (the evidence component says why)
            log.debug("Health: outbox not readable: {}", e.toString());
            return null;
        }
    }

    private DiskUse disk() {
        try {
            FileStore store = Files.getFileStore(dataDir);
            return new DiskUse(dataDir.toString(), store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace());
        } catch (IOException e) {
            if (warned.add("disk")) {
                log.warn("Health: the file system of {} cannot be read: {}", dataDir, e.toString());
            }
            return null;
        }
    }

    /** Weigh sensors' verification certificates, the uplink's TLS client certificate and the console's certificate. */
    private List<Expiry> readCertificates() {
        List<Expiry> found = new ArrayList<>();
        Configuration[] all;
        try {
            all = configAdmin.listConfigurations(null);
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("Health: cannot list configurations: {}", e.toString());
            return certificates;
        }
        boolean console = false;
        for (Configuration c : all == null ? new Configuration[0] : all) {
            var p = c.getProperties();
            if (p == null) {
                continue;
            }
            Object cert = p.get("verification.certificate");
            Object expires = p.get("verification.expires");
            if (cert != null && !cert.toString().isBlank() && expires != null && !expires.toString().isBlank()) {
                try {
                    Object id = p.get("id");
                    found.add(new Expiry("verification", id != null ? id.toString() : c.getPid(), cert.toString(),
                            LocalDate.parse(expires.toString().strip())));
                } catch (DateTimeParseException e) {
                    if (warned.add("date:" + c.getPid())) {
                        log.warn("Health: verification expiry '{}' of {} is not a date (YYYY-MM-DD)", expires, p.get("id"));
                    }
                }
            }
            if (UPLINK_PID.equals(c.getPid())) {
                Object file = p.get("tls.certFile");
                if (file != null && !file.toString().isBlank()) {
                    tls("uplink", Path.of(file.toString())).ifPresent(found::add);
                }
            }
            if (CONSOLE_PID.equals(c.getPid()) && !"false".equals(String.valueOf(p.get("enabled")))) {
                console = true;
                Object file = p.get("tls.certFile");
                Path path = file != null && !file.toString().isBlank() ? Path.of(file.toString())
                        : dataDir.resolve("console").resolve("console-cert.pem");
                if (Files.exists(path) || file != null && !file.toString().isBlank()) {
                    tls("console", path).ifPresent(found::add);
                }
            }
        }
        if (!console) {
            pemCache.keySet().removeIf(k -> k.endsWith("console-cert.pem"));
        }
        found.sort(Comparator.comparing(Expiry::expires).thenComparing(Expiry::id));
        return List.copyOf(found);
    }

    private Optional<Expiry> tls(String id, Path file) {
        long modified;
        try {
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            if (warned.add("tls:" + file)) {
                log.warn("Health: the {} certificate {} cannot be read: {}", id, file, e.toString());
            }
            return Optional.empty();
        }
        var cached = pemCache.get(file);
        Optional<X509Certificate> leaf;
        if (cached != null && cached.getKey() == modified) {
            leaf = cached.getValue();
        } else {
            leaf = readLeaf(id, file);
            pemCache.put(file, Map.entry(modified, leaf));
        }
        return leaf.map(c -> new Expiry("tls", id, subject(c), LocalDate.ofInstant(c.getNotAfter().toInstant(), ZoneId.systemDefault())));
    }

    private Optional<X509Certificate> readLeaf(String id, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            var certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new CertificateException("no certificate in the file");
            }
            warned.remove("tls:" + file);
            return Optional.of((X509Certificate) certs.iterator().next());
        } catch (IOException | CertificateException e) {
            if (warned.add("tls:" + file)) {
                log.warn("Health: the {} certificate {} cannot be read: {}", id, file, e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** The certificate's common name, or its whole subject when it has none. */
    static String subject(X509Certificate c) {
        String dn = c.getSubjectX500Principal().getName();
        for (String part : dn.split(",")) {
            if (part.strip().startsWith("CN=")) {
                return part.strip().substring(3);
            }
        }
        return dn;
    }

    private static Versions versions(BundleContext context) {
        String gateway = context.getBundle().getVersion().toString();
        Bundle system = context.getBundle(0);
        String framework = system == null ? "" : system.getSymbolicName() + " " + system.getVersion();
        Map<String, String> differing = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            String name = b.getSymbolicName();
            if (name != null && name.startsWith("org.nsegw.") && seen.add(name) && !b.getVersion().toString().equals(gateway)) {
                differing.put(name, b.getVersion().toString());
            }
        }
        return new Versions(gateway, System.getProperty("java.version"), framework, differing);
    }
}
