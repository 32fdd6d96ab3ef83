package org.nsegw.evidence.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.rules.VerdictListener;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.evidence.internal.content.CaseContent;
import org.nsegw.evidence.internal.content.CaseContext;
import org.nsegw.evidence.internal.content.ClockState;
import org.nsegw.evidence.internal.content.GatewayIdentity;
import org.nsegw.evidence.internal.content.ImagesZip;
import org.nsegw.outbox.Item;
import org.nsegw.outbox.Link;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.OutboxFullException;
import org.nsegw.outbox.Priority;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.packet.Checkpoint;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.KeyRotation;
import org.nsegw.packet.PacketBuilder;
import org.nsegw.packet.PacketEntry;
import org.nsegw.packet.PacketSigner;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Turns every verdict into one signed packet, the next link of the gateway's chain, and stores it in the outbox at
 * {@code <data>/outbox}. One thread packs and stores, in the order the verdicts came, so that {@link #verdict} returns
 * at once and the chain follows the verdicts.
 *
 * <p>Nothing is dropped silently. A case the outbox cannot store (the disk refuses) is retried with a backoff up to a
 * minute, with an {@code ALARM} each time, until it is stored or the gateway stops; a compliant record the full outbox
 * refuses is logged and left (the outbox's policy: cases first). A verdict that finds the queue full, a packet that
 * cannot be made, and whatever is still queued when the drain time runs out at a stop are logged as ERROR with the
 * passage id; the passage and the verdict stay in the journal for {@code nsegw judge}.
 */
// the outbox is registered by hand while open; declared here so that resolvers know the uplink's reference is served
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.nsegw.outbox.Outbox\"")
@Component(immediate = true, configurationPid = EvidenceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = VerdictListener.class)
@Designate(ocd = EvidenceConfig.class)
public final class Evidence implements VerdictListener {

    static final long FIRST_RETRY_MS = 1_000;
    static final long LAST_RETRY_MS = 60_000;

    private final Logger log;
    private final Path dataDir;
    private final EvidenceSettings settings;
    private final GatewayIdentity gateway;
    private final ZoneId zone;
    private final Clock clock;
    private final Supplier<ClockState> clockState;
    private final PacketSigner signer;
    private final Outbox outbox;
    private final ThreadPoolExecutor worker;
    /** Null when the leaf log could not be brought to the chain head (logged as ALARM): no checkpoints then. */
    private final Checkpoints checkpoints;
    private final ScheduledExecutorService timer;
    private final ChainKey chainKey;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private ServiceRegistration<Outbox> registration;

    @Activate
    public Evidence(BundleContext context, EvidenceConfig config, @Reference(name = "gateway") GatewayConfiguration gateway,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) throws IOException {
        this(dataDir(context), EvidenceSettings.of(config), KeySource.of(config), gateway.identity(),
                ZoneId.systemDefault(), log, Clock.systemUTC(), new ClockProbe(Clock.systemUTC()));
        // The uplink works the same outbox (one process may hold its folder): offered as a service while it is open.
        this.registration = context.registerService(Outbox.class, outbox, null);
    }

    /** With the key in a file of the key folder. */
    Evidence(Path dataDir, EvidenceSettings settings, GatewayIdentity gateway, ZoneId zone, Logger log, Clock clock,
            Supplier<ClockState> clockState) throws IOException {
        this(dataDir, settings, KeySource.FILES, gateway, zone, log, clock, clockState);
    }

    /**
     * @param zone       the site's zone (the launcher makes it the JVM's default)
     * @param clockState the clock's source and sync state, asked for each packet
     */
    Evidence(Path dataDir, EvidenceSettings settings, KeySource keySource, GatewayIdentity gateway, ZoneId zone,
            Logger log, Clock clock, Supplier<ClockState> clockState) throws IOException {
        this.log = log;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.settings = settings;
        this.gateway = gateway;
        this.zone = zone;
        this.clock = clock;
        this.clockState = clockState;
        Path keys = settings.keyDirectory().isBlank() ? this.dataDir.resolve("keys") : this.dataDir.resolve(settings.keyDirectory());
        try {
            this.signer = keySource.open(keys, settings.algorithm());
        } catch (IOException e) {
            log.error("Evidence cannot start: the gateway's {} key in {}: {}", settings.algorithm(),
                    keySource.describe(keys), e.getMessage());
            throw e;
        }
        if (keySource.pkcs11()) {
            log.info("Evidence: the gateway's key {} is {}; its private key never leaves the token", signer.keyId(),
                    keySource.describe(keys));
        }
        Path outboxDir = this.dataDir.resolve("outbox");
        try {
            this.outbox = Outbox.open(outboxDir, settings.outbox(), clock);
        } catch (IOException e) {
            log.error("Evidence cannot start: the outbox in {}: {}", outboxDir, e.getMessage());
            throw e;
        }
        if (outbox.recovered().intact()) {
            log.info("Evidence outbox in {}: {}", outboxDir, outbox.recovered().describe());
        } else {
            log.error("ALARM evidence: {} ({})", outbox.recovered().describe(), outboxDir);
        }
        outbox.onAlarm(u -> log.warn("ALARM evidence: the outbox uses {}% of its quota ({} of {} bytes), {} cases not "
                + "acknowledged; compliant records' images are shed first, then new compliant records refused",
                u.percent(), u.usedBytes(), u.quotaBytes(), u.unacknowledgedCases()));
        try {
            this.chainKey = ChainKey.open(outboxDir, keys, signer, outbox.head(), clock.instant());
        } catch (IOException | RuntimeException e) {
            log.error("Evidence cannot start: the record of the chain's key in {}: {}", outboxDir, e.toString());
            outbox.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
        if (chainKey.description() != null) {
            if (chainKey.endorsed()) {
                log.info("Evidence: {}", chainKey.description());
            } else {
                log.warn("ALARM evidence: {}", chainKey.description());
            }
        }
        this.checkpoints = openCheckpoints(outboxDir);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsegw-evidence-checkpoint");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkpointIfDue, 30, 30, TimeUnit.SECONDS);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()), r -> {
                    Thread t = new Thread(r, "nsegw-evidence");
                    t.setDaemon(true);
                    return t;
                });
        Link head = outbox.head();
        log.info("Evidence: gateway {} signs with {} key {} ({}); chain at sequence {}; packets for {}", gateway.id(),
                signer.algorithm(), signer.keyId(), keys, head.sequence(), settings.outcomes());
    }

    private Checkpoints openCheckpoints(Path outboxDir) {
        try {
            return Checkpoints.open(outboxDir, outbox.head(), gateway.id(), signer, settings.checkpointEveryPackets(),
                    settings.checkpointEvery(), clock.instant());
        } catch (IOException | RuntimeException e) {
            log.error("ALARM evidence: no checkpoints will be signed: {}", e.getMessage());
            return null;
        }
    }

    /** Signs a checkpoint if one is due (every N packets, or T minutes with new packets); errors are logged. */
    void checkpointIfDue() {
        if (checkpoints != null) {
            try {
                logged(checkpoints.checkpointIfDue(clock.instant()));
            } catch (IOException | RuntimeException e) {
                log.error("ALARM evidence: the checkpoint could not be written: {}", e.toString());
            }
        }
    }

    private void logged(Checkpoint c) {
        if (c != null) {
            log.info("Evidence checkpoint {}: sequences 1..{}, root {}", c.fileName(), c.treeSize(),
                    java.util.HexFormat.of().formatHex(c.rootHash()));
        }
    }

    static Path dataDir(BundleContext context) {
        String data = context.getProperty(GatewayProperties.DATA_DIR);
        return data != null ? Path.of(data) : context.getDataFile("").toPath();
    }

    @Override
    public void verdict(Verdict verdict) {
        if (!settings.outcomes().contains(verdict.outcome())) {
            skipped.incrementAndGet();
            return;
        }
        try {
            worker.execute(new Task(verdict));
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            log.error("Evidence: the {} verdict on passage {} is not packed: {}; the passage and verdict are in the journal",
                    verdict.outcome(), verdict.passage().id(), worker.isShutdown() ? "the evidence component is stopping"
                            : "the queue of " + settings.queueCapacity() + " verdicts is full (the outbox has been failing)");
        }
    }

    /** Stops taking verdicts, lets the queue drain for the configured time, then closes the outbox. */
    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister(); // the uplink lets go of the outbox before it closes
            registration = null;
        }
        timer.shutdownNow();
        worker.shutdown();
        Duration limit = settings.drain();
        boolean drained;
        try {
            drained = worker.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            List<String> left = new ArrayList<>();
            for (Runnable r : worker.shutdownNow()) {
                left.add(((Task) r).verdict.passage().id());
            }
            failed.addAndGet(left.size());
            log.error("Evidence: the queue did not drain within {} s; {} queued verdict(s) not packed, passages {}; they are "
                    + "in the journal", limit.toSeconds(), left.size(), left);
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long head = outbox.head().sequence();
        if (checkpoints != null) {
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
                logged(checkpoints.checkpointNow(clock.instant()));
            } catch (IOException | RuntimeException e) {
                log.error("ALARM evidence: the checkpoint at stop could not be written: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                checkpoints.close();
            } catch (IOException e) {
                log.error("Evidence: closing the leaf log failed: {}", e.getMessage());
            }
        }
        try {
            outbox.close();
        } catch (IOException e) {
            log.error("Evidence: closing the outbox failed: {}", e.getMessage());
        }
        log.info("Evidence stopped: {} packets stored, {} verdicts skipped by configuration, {} refused, {} failed; chain at {}",
                stored.get(), skipped.get(), refused.get(), failed.get(), head);
    }

    private final class Task implements Runnable {

        final Verdict verdict;

        Task(Verdict verdict) {
            this.verdict = verdict;
        }

        @Override
        public void run() {
            store(verdict);
        }
    }

    /** Packs and stores one verdict, retrying while the disk refuses; returns when it is stored or given up (logged). */
    private void store(Verdict v) {
        Priority priority = priority(v.outcome());
        String passage = v.passage().id();
        long wait = FIRST_RETRY_MS;
        Built built = null;
        while (true) {
            try {
                Link head = outbox.head();
                if (built != null && head.sequence() == built.packet().sequence()
                        && head.manifestSha256().equals(built.packet().manifestSha256())) {
                    stored(v, built.packet(), built.packet().zip().length); // the failed put had committed after all
                    return;
                }
                if (built == null || built.packet().sequence() != head.sequence() + 1) {
                    built = build(v, head, priority);
                }
                BuiltPacket p = built.packet();
                if (checkpoints != null) {
                    checkpoints.prepare(p.sequence(), p.manifest()); // the leaf ahead of the put, forced to disk
                }
                Item item = outbox.put(p.caseId(), p.sequence(), p.manifestSha256(), priority, p.zip(), built.images());
                stored(v, p, item.size());
                return;
            } catch (OutboxFullException e) {
                refused.incrementAndGet();
                log.error("ALARM evidence: the outbox is full; {} record {} (passage {}) not stored: {}", v.outcome(),
                        built.packet().caseId(), passage, e.getMessage());
                return;
            } catch (IOException e) {
                log.error("ALARM evidence: {} {} (passage {}) could not be stored, retrying in {} s: {}", v.outcome(),
                        built == null ? "packet" : built.packet().caseId(), passage, wait / 1000, e.getMessage());
                if (!pause(wait)) {
                    failed.incrementAndGet();
                    log.error("Evidence: {} {} (passage {}) not stored: the gateway stopped while the outbox refused it; "
                            + "the passage and verdict are in the journal", v.outcome(),
                            built == null ? "packet" : built.packet().caseId(), passage);
                    return;
                }
                wait = Math.min(wait * 2, LAST_RETRY_MS);
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.error("Evidence: no packet could be made of the {} verdict on passage {}: {}", v.outcome(), passage,
                        e.toString(), e);
                return;
            }
        }
    }

    /** A signed packet and, for a compliant record, its images as a ZIP of their own (null when none). */
    private record Built(BuiltPacket packet, byte[] images) {
    }

    /** The next link: cases carry their images inside; compliant records beside, where the outbox may shed them. */
    private Built build(Verdict v, Link head, Priority priority) {
        long sequence = head.sequence() + 1;
        CaseContext context = new CaseContext(gateway, zone, clockState.get(), clock.instant());
        CaseContent content = CaseContent.of(v, context, sequence, this::readMedia,
                priority.isCase() ? CaseContent.Images.INSIDE : CaseContent.Images.BESIDE);
        List<PacketEntry> entries = content.entries().stream().map(e -> new PacketEntry(e.name(), e.content())).toList();
        Map<String, Object> fields = content.fields();
        Map<String, Object> rotation = chainKey.rotationAt(sequence);
        if (rotation != null) {
            fields = new java.util.LinkedHashMap<>(fields);
            fields.put(KeyRotation.FIELD, rotation);
        }
        BuiltPacket packet = PacketBuilder.build(fields, entries, new ChainLink(sequence, head.manifestSha256()),
                signer);
        return new Built(packet, content.beside().isEmpty() ? null : ImagesZip.of(content.beside()));
    }

    private void stored(Verdict v, BuiltPacket built, long size) {
        stored.incrementAndGet();
        if (checkpoints != null) {
            checkpoints.committed(built.sequence(), built.manifest());
        }
        log.info("Evidence packet {} #{}: {} {} bytes (passage {})", built.caseId(), built.sequence(), v.outcome(), size,
                v.passage().id());
        checkpointIfDue();
    }

    /** A file of the data directory by its relative path (media references are relative and never contain '..'). */
    private byte[] readMedia(String path) throws IOException {
        Path file = dataDir.resolve(path).normalize();
        if (!file.startsWith(dataDir)) {
            throw new IOException("outside the data directory: " + path);
        }
        return Files.readAllBytes(file);
    }

    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Priority priority(Outcome outcome) {
        return switch (outcome) {
            case VIOLATION -> Priority.VIOLATION;
            case REVIEW -> Priority.REVIEW;
            case COMPLIANT -> Priority.COMPLIANT;
        };
    }

    /** The chain's head, for tests and the log. */
    Link head() {
        return outbox.head();
    }
}
