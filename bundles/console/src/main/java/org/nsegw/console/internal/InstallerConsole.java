package org.nsegw.console.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadListener;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.DeviceStatusBoard;
import org.nsegw.api.evidence.MediaRef;
import org.nsegw.api.fusion.PassageListener;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.rules.VerdictListener;
import org.nsegw.api.uplink.UplinkEndpoint;
import org.nsegw.api.vision.CameraView;
import org.nsegw.site.SiteCompiler;
import org.nsegw.site.SiteOverlay;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.api.runtime.SiteState;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.api.weigh.WeighRecordListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
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
 * The installer console of the gateway: sets up its password and certificate at the first start, serves the pages
 * over HTTPS, and keeps the latest weigh records and plate reads to show them. It only watches: nothing it does, not
 * even failing to listen, affects what the gateway measures and sends.
 */
@Component(configurationPid = ConsoleConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {WeighRecordListener.class, PlateReadListener.class, VerdictListener.class})
@Designate(ocd = ConsoleConfig.class)
public final class InstallerConsole implements WeighRecordListener, PlateReadListener, VerdictListener {

    static final String PASSWORD_HASH_FILE = "password.hash";
    static final String SETUP_PASSWORD_FILE = "setup-password";
    static final int RECENT = 50;
    static final Duration RETRY = Duration.ofSeconds(30);

    private final Logger log;
    private final DeviceStatusBoard board;
    private final ConfigurationAdmin configAdmin;
    private final BundleContext context;
    private final GatewayIdentity gatewayIdentity;
    private final RecentRecords<WeighRecord> weighRecords = new RecentRecords<>(RECENT);
    private final RecentRecords<PlateRead> plateReads = new RecentRecords<>(RECENT);
    private final Path dataDir;
    private final ScheduledExecutorService retries;
    private volatile ConsoleServer server;
    private String url = "";
    private String fingerprint = "";
    private final List<CommissioningReport.Expiry> ownCertificates = new ArrayList<>();
    /** Set only at the start that made the password: it is shown once, on the gateway's console. */
    private String newPassword;
    private PrivateFiles files;

    /** The uplink's broker and state, for the connectivity test; absent when the uplink does not run. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UplinkEndpoint uplink;

    /** The outbox evidence opened, to follow a test passage's packet; absent without evidence. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.nsegw.outbox.Outbox outbox;

    /** Where fusion hands its passages: the rules and the journal. A test passage is handed to them the same way. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PassageListener> passageListeners;

    /** The site cameras: their latest frames and regions, for the camera page. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<CameraView> cameras;

    /** The site configuration with its overlay: region edits are checked and kept through it (docs/remote.md). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SiteOverlay siteOverlay;

    private volatile TestPassage testPassage;
    private final java.util.concurrent.ExecutorService testRunner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nsegw-console-test-passage");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public InstallerConsole(BundleContext context, ConsoleConfig config,
            @Reference(name = "board") DeviceStatusBoard board,
            @Reference(name = "configAdmin") ConfigurationAdmin configAdmin,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) throws IOException, GeneralSecurityException {
        this.context = context;
        this.log = log;
        this.board = board;
        this.configAdmin = configAdmin;
        GatewayIdentity gateway = GatewayIdentity.of(configAdmin);
        this.gatewayIdentity = gateway;
        String data = context.getProperty(GatewayProperties.DATA_DIR);
        this.dataDir = data != null ? Path.of(data) : context.getDataFile("").toPath();
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsegw-console-start");
            t.setDaemon(true);
            return t;
        });
        if (!config.enabled()) {
            log.info("Installer console disabled (console.enabled: false)");
            return;
        }
        InetAddress bind;
        try {
            bind = InetAddress.getByName(config.bindAddress().isBlank() ? "127.0.0.1" : config.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("console.bindAddress '" + config.bindAddress()
                    + "' is not an address of this gateway; give one of its IP addresses, e.g. 192.168.1.10");
        }
        if (bind.isAnyLocalAddress()) {
            log.warn("Installer console listens on every network ({}): anyone who reaches the gateway can try its password;"
                    + " give console.bindAddress the maintenance network's address instead", config.bindAddress());
        }
        SecureRandom random = new SecureRandom();
        PrivateFiles files = new PrivateFiles(dataDir.resolve("console"));
        this.files = files;
        SetupPassword password = password(files, random);
        TlsIdentity tls;
        if (config.tls_certFile().isBlank() != config.tls_keyFile().isBlank()) {
            throw new IllegalArgumentException("console: give both tls.certFile and tls.keyFile, or neither (a self-signed certificate)");
        }
        if (config.tls_certFile().isBlank()) {
            tls = TlsIdentity.loadOrCreate(files, gateway.id(), bind.getHostAddress(), random);
        } else {
            tls = TlsIdentity.load(Path.of(config.tls_certFile()), Path.of(config.tls_keyFile()));
        }
        fingerprint = tls.fingerprint();
        ownCertificates.add(new CommissioningReport.Expiry("控制台 TLS console", tls.leaf().getSubjectX500Principal().getName(),
                LocalDate.ofInstant(tls.leaf().getNotAfter().toInstant(), ZoneId.systemDefault())));
        Clock clock = Clock.systemUTC();
        Sessions sessions = new Sessions(random, clock, Duration.ofMinutes(config.sessionMinutes()));
        LoginThrottle throttle = new LoginThrottle(clock, config.login_maxFailures(), Duration.ofSeconds(config.login_pauseSeconds()));
        Pages pages = new Pages(gateway.id(), gateway.name());
        InetSocketAddress address = new InetSocketAddress(bind, config.port());
        SSLContext ssl = tls.sslContext();
        ConsoleServer.LoginEvents events = new ConsoleServer.LoginEvents() {
            @Override
            public void loggedIn(String from) {
                log.info("Installer console: login from {}", from);
            }

            @Override
            public void refused(String from, String why) {
                log.warn("Installer console: login from {} refused: {}", from, why);
            }

            @Override
            public void passwordChanged(String from, int ended) {
                log.info("Installer console: password changed from {}; {} other sessions ended", from, ended);
            }
        };
        Runnable start = new Runnable() {
            @Override
            public void run() {
                try {
                    server = new ConsoleServer(address, ssl, password, sessions, throttle, view(), pages,
                            ZoneId.systemDefault(), events);
                    url = ConsoleServer.url(server.address()).toString();
                    announce(files, password);
                } catch (IOException e) {
                    // another program (or a second gateway on this machine) has the port: the gateway works on,
                    // the console tries again
                    log.error("Installer console cannot listen on {}:{} ({}); trying again every {} s. Free the port or "
                            + "set console.port (or console.enabled: false) in the site file", bind.getHostAddress(),
                            config.port(), e instanceof BindException ? e.getMessage() : e.toString(), RETRY.toSeconds());
                    retries.schedule(this, RETRY.toSeconds(), TimeUnit.SECONDS);
                }
            }
        };
        start.run();
    }

    /** The password's hash from the data directory, or a new password made, stored and shown now. */
    private SetupPassword password(PrivateFiles files, SecureRandom random) throws IOException {
        if (files.exists(PASSWORD_HASH_FILE)) {
            return SetupPassword.parse(new String(files.read(PASSWORD_HASH_FILE), StandardCharsets.US_ASCII));
        }
        String plain = SetupPassword.generate(random);
        SetupPassword hashed = SetupPassword.hash(plain.toCharArray(), random, SetupPassword.ITERATIONS);
        files.write(SETUP_PASSWORD_FILE, (plain + "\n").getBytes(StandardCharsets.US_ASCII));
        files.write(PASSWORD_HASH_FILE, (hashed.stored() + "\n").getBytes(StandardCharsets.US_ASCII));
        newPassword = plain;
        return hashed;
    }

    /**
     * Tells the person at the gateway where the console is and how to check its certificate. The password itself goes
     * to standard output (the device's console) only, at the start that made it; the log only says where the file is.
     */
    private void announce(PrivateFiles files, SetupPassword password) {
        Path passwordFile = files.file(SETUP_PASSWORD_FILE);
        log.info("Installer console at {} (certificate SHA-256 {}); setup password in {} (owner only)", url, fingerprint,
                passwordFile);
        PrintStream out = System.out;
        out.println("Installer console: " + url);
        out.println("  certificate SHA-256: " + fingerprint);
        if (newPassword != null) {
            out.println("  setup password (new): " + newPassword + "   (also in " + passwordFile + ", readable by its owner only)");
            newPassword = null;
        } else if (java.nio.file.Files.exists(passwordFile)) {
            out.println("  setup password: in " + passwordFile + " (readable by its owner only)");
        } else {
            out.println("  password: the one set in the console (page 密码 Password); no setup password file");
        }
        out.flush();
    }

    @Deactivate
    void deactivate() {
        retries.shutdownNow();
        testRunner.shutdownNow();
        ConsoleServer s = server;
        if (s != null) {
            s.close();
            log.info("Installer console stopped; requests counted: {}", s.counters());
        }
    }

    @Override
    public void weighed(WeighRecord record) {
        weighRecords.add(record);
    }

    @Override
    public void plateRead(PlateRead read) {
        plateReads.add(read);
    }

    @Override
    public void verdict(Verdict verdict) {
        TestPassage t = testPassage;
        if (t != null && t.judged(verdict)) {
            log.info("Installer console: test passage {} judged {}", verdict.passage().id(), verdict.outcome());
        }
    }

    /** The first weigh sensor of the site (by id): the test passage runs in its lane. */
    private Optional<TestPassage.Sensor> testSensor() {
        try {
            Configuration[] all = configAdmin.listConfigurations("(service.factoryPid=org.nsegw.weigh.sensor)");
            if (all == null) {
                return Optional.empty();
            }
            return java.util.Arrays.stream(all).map(Configuration::getProperties).filter(p -> p != null && p.get("lane") != null)
                    .map(p -> new TestPassage.Sensor(String.valueOf(p.get("id")), String.valueOf(p.get("lane")),
                            String.valueOf(Optional.ofNullable(p.get("accuracyClass")).orElse("")),
                            String.valueOf(Optional.ofNullable(p.get("verification.certificate")).orElse("")),
                            String.valueOf(Optional.ofNullable(p.get("verification.expires")).orElse(""))))
                    .min(java.util.Comparator.comparing(TestPassage.Sensor::deviceId));
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("Installer console: cannot list the weigh sensors: {}", e.toString());
            return Optional.empty();
        }
    }

    private synchronized Map<String, Object> startTestPassage() {
        TestPassage running = testPassage;
        if (running != null) {
            follow(running);
            if (!running.finished()) {
                throw new IllegalStateException("a test passage is on its way already (" + running.passage().id() + "): wait for it");
            }
        }
        TestPassage.Sensor sensor = testSensor().orElseThrow(() -> new IllegalStateException(
                "this site has no weigh sensor: the test passage needs a weigh sensor's lane"));
        List<PassageListener> listeners = passageListeners;
        if (listeners == null || listeners.isEmpty()) {
            throw new IllegalStateException("no rules are running to judge a passage (see the devices and the log)");
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String suffix = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(now)
                + "-" + Integer.toHexString(new SecureRandom().nextInt(0x10000) | 0x10000).substring(1);
        TestPassage t = TestPassage.of(sensor, now, suffix);
        testPassage = t;
        log.info("Installer console: test passage {} in lane {} (weigh sensor {}), marked TEST", t.passage().id(), sensor.lane(),
                sensor.deviceId());
        testRunner.execute(() -> {
            for (PassageListener l : listeners) {
                try {
                    l.passage(t.passage());
                } catch (RuntimeException e) {
                    t.failed("a stage refused the test passage: " + e);
                    log.warn("Installer console: test passage {} refused by {}: {}", t.passage().id(), l.getClass().getName(),
                            e.toString());
                }
            }
        });
        return t.progress();
    }

    private void follow(TestPassage t) {
        org.nsegw.outbox.Outbox box = outbox;
        t.follow(box == null ? null : new TestPassage.Outbox() {
            @Override
            public Optional<String> state(String caseId) {
                return box.find(caseId).map(i -> i.state().name());
            }

            @Override
            public Path packets() {
                return box.directory().resolve("packets");
            }
        }, Instant.now());
    }

    private ConnectivityTest.Target connectivityTarget() {
        UplinkEndpoint u = uplink;
        org.nsegw.outbox.Outbox box = outbox;
        long unacknowledged = box == null ? 0 : box.usage().unacknowledgedCases();
        if (u != null) {
            return new ConnectivityTest.Target(u.broker(), u.clientId(), u.username(), u.password(), u.socketFactory(),
                    u.mqttVersion(), true, u.connected(), u.lastVerified(), unacknowledged);
        }
        // the uplink does not run (TLS files it could not use, or no uplink section): its configuration still names the broker
        String broker = "";
        try {
            Configuration c = configAdmin.getConfiguration("org.nsegw.uplink", "?");
            if (c.getProperties() != null && c.getProperties().get("broker") != null) {
                broker = c.getProperties().get("broker").toString();
            }
        } catch (IOException e) {
            log.warn("Installer console: cannot read the uplink's configuration: {}", e.toString());
        }
        return new ConnectivityTest.Target(broker.isEmpty() ? "(none)" : broker, "", "", "", null, "5", false, false,
                Optional.empty(), unacknowledged);
    }

    private GatewayView view() {
        return new GatewayView() {
            @Override
            public List<DeviceStatus> devices() {
                return board.devices();
            }

            @Override
            public List<WeighRecord> weighRecords() {
                return weighRecords.list();
            }

            @Override
            public List<PlateRead> plateReads() {
                return plateReads.list();
            }

            @Override
            public Optional<Path> media(String sha256) {
                for (PlateRead r : plateReads.list()) {
                    for (MediaRef m : r.images()) {
                        if (m.sha256().equals(sha256)) {
                            return Optional.of(dataDir.resolve(m.path()));
                        }
                    }
                }
                return Optional.empty();
            }

            @Override
            public String report(Map<String, Long> consoleCounters) {
                return CommissioningReport.render(facts(consoleCounters));
            }

            @Override
            public List<ConnectivityTest.Check> connectivity() {
                List<ConnectivityTest.Check> checks = ConnectivityTest.run(connectivityTarget(), ZoneId.systemDefault());
                log.info("Installer console: connectivity test: {}", checks.stream().map(c -> c.id() + " " + c.status()).toList());
                return checks;
            }

            @Override
            public Map<String, Object> startTestPassage() {
                return InstallerConsole.this.startTestPassage();
            }

            @Override
            public Optional<Map<String, Object>> testPassage() {
                TestPassage t = testPassage;
                if (t == null) {
                    return Optional.empty();
                }
                follow(t);
                return Optional.of(t.progress());
            }

            @Override
            public List<CameraView> cameras() {
                List<CameraView> all = cameras;
                return all == null ? List.of()
                        : all.stream().sorted(java.util.Comparator.comparing(CameraView::deviceId)).toList();
            }

            @Override
            public List<String> saveRegions(List<SiteCompiler.Setting> changes) {
                return InstallerConsole.this.saveRegions(changes);
            }

            @Override
            public void storePassword(SetupPassword hashed) throws IOException {
                files.write(PASSWORD_HASH_FILE, (hashed.stored() + "\n").getBytes(StandardCharsets.US_ASCII));
                // the setup password written at the first start is no longer the password: it must not mislead
                java.nio.file.Files.deleteIfExists(files.file(SETUP_PASSWORD_FILE));
            }
        };
    }

    /**
     * A camera's region changes, put on top of the overlay in force and checked whole by the site compiler, as a remote
     * {@code set} is; the camera's configuration is updated when they pass (Declarative Services restarts it with them).
     */
    private synchronized List<String> saveRegions(List<SiteCompiler.Setting> changes) {
        SiteOverlay overlay = siteOverlay;
        if (overlay == null) {
            throw new IllegalStateException("the site configuration service is not running: regions cannot be changed now (see the log)");
        }
        if (changes.isEmpty()) {
            return List.of();
        }
        SiteOverlay.Outcome outcome = overlay.apply(RegionEdit.merged(overlay.settings(), changes));
        if (outcome.applied()) {
            log.info("Installer console: regions changed: {}", changes);
        } else {
            log.warn("Installer console: region change refused: {}", outcome.problems());
        }
        return outcome.applied() ? List.of() : outcome.problems();
    }

    /** The expiry of each certificate in a PEM file another component uses (the uplink's client and CA certificates). */
    private List<CommissioningReport.Expiry> pemExpiries(String what, Path file) {
        List<CommissioningReport.Expiry> found = new ArrayList<>();
        try {
            var factory = java.security.cert.CertificateFactory.getInstance("X.509");
            for (byte[] der : TlsIdentity.pemText(java.nio.file.Files.readString(file, StandardCharsets.US_ASCII), "CERTIFICATE")) {
                var c = (java.security.cert.X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(der));
                found.add(new CommissioningReport.Expiry(what, c.getSubjectX500Principal().getName(),
                        LocalDate.ofInstant(c.getNotAfter().toInstant(), ZoneId.systemDefault())));
            }
        } catch (IOException | GeneralSecurityException e) {
            log.warn("Report: cannot read the certificates of {} in {}: {}", what, file, e.toString());
        }
        return found;
    }

    private CommissioningReport.Facts facts(Map<String, Long> consoleCounters) {
        String siteFile = "";
        String siteState = "unknown";
        ServiceReference<SiteState> site = context.getServiceReference(SiteState.class);
        if (site != null) {
            siteFile = String.valueOf(site.getProperty(SiteState.FILE));
            siteState = String.valueOf(site.getProperty(SiteState.STATE));
        }
        Map<String, Integer> byPid = new TreeMap<>();
        List<CommissioningReport.Expiry> certificates = new ArrayList<>(ownCertificates);
        try {
            Configuration[] all = configAdmin.listConfigurations("(nsegw.site=*)");
            for (Configuration c : all == null ? new Configuration[0] : all) {
                String pid = c.getFactoryPid() != null ? c.getFactoryPid() : c.getPid();
                byPid.merge(pid, 1, Integer::sum);
                var p = c.getProperties();
                Object cert = p.get("verification.certificate");
                Object expires = p.get("verification.expires");
                for (String key : List.of("tls.certFile", "tls.caFile")) {
                    Object file = p.get(key);
                    if (file != null && !file.toString().isBlank() && !pid.equals(ConsoleConfig.PID)) {
                        certificates.addAll(pemExpiries(pid + " " + key, Path.of(file.toString())));
                    }
                }
                if (cert != null && !cert.toString().isBlank() && expires != null) {
                    try {
                        certificates.add(new CommissioningReport.Expiry("检定 verification " + p.get("id"), cert.toString(),
                                LocalDate.parse(expires.toString())));
                    } catch (DateTimeParseException e) {
                        log.warn("Report: verification expiry '{}' of {} is not a date", expires, p.get("id"));
                    }
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("Report: cannot list configurations: {}", e.toString());
        }
        List<String> versions = new ArrayList<>();
        versions.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        for (Bundle b : context.getBundles()) {
            versions.add(b.getSymbolicName() + " " + b.getVersion());
        }
        return new CommissioningReport.Facts(gatewayIdentity.id(), gatewayIdentity.name(), gatewayIdentity.stationCode(),
                Instant.now(), ZoneId.systemDefault(), siteFile, siteState, byPid, versions, board.devices(), certificates,
                url, fingerprint, consoleCounters);
    }
}
