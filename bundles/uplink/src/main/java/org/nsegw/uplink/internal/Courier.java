package org.nsegw.uplink.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.nsegw.api.health.GatewayHealth;
import org.nsegw.api.health.HealthAlarm;
import org.nsegw.outbox.Item;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.State;
import org.nsegw.outbox.Usage;
import org.nsegw.uplink.internal.protocol.Ack;
import org.nsegw.uplink.internal.protocol.CaseNotice;
import org.nsegw.uplink.internal.protocol.ChunkSize;
import org.nsegw.uplink.internal.protocol.Topics;
import org.nsegw.uplink.internal.protocol.Transfer;
import org.nsegw.uplink.internal.protocol.Transfer.Phase;
import org.nsegw.uplink.internal.protocol.Transfer.Step;
import org.osgi.service.log.Logger;

/**
 * The sender: one thread that connects (backoff 1 s to 60 s), works the outbox in its order and publishes each case's
 * notice and chunks within the broker's Receive Maximum, and acts on the platform's acknowledgements. Everything the
 * client's threads report (PUBACKs, acknowledgements, a lost connection) is queued as an event and handled on this
 * thread, so the transfers need no locks.
 *
 * <p>A case is marked notified at its notice's PUBACK and sent when every chunk is PUBACKed; it leaves the outbox only
 * with the platform's {@code VERIFIED} carrying the packet's SHA-256. Cases sent in an earlier run of the gateway (state
 * {@code SENT}) are sent again once, since their acknowledgement may have been lost.
 */
final class Courier {

    /** What the courier needs besides the outbox and the link. */
    record Settings(Topics topics, String gatewayId, int maxChunkKb, int heartbeatSeconds, int ackTimeoutSeconds, String version) {
    }

    /** Cases whose packets are held in memory while being sent, at most... */
    static final int MAX_ACTIVE = 256;
    /** ...and the bytes of their packets, at most (at least one case is taken, whatever its size). */
    static final long MAX_ACTIVE_BYTES = 16L << 20;
    /** How often an idle courier looks at the outbox; a put it is told of ({@link #wake}) is sent at once. */
    static final long IDLE_POLL_MS = 50;
    /**
     * Outbox states gathered are written at least this often while cases flow, and before the outbox is read: one
     * transaction (one flush of the disk) for many PUBACKs and acknowledgements instead of one per pass of the loop.
     */
    static final long MARK_INTERVAL_MS = 100;
    static final long FIRST_BACKOFF_MS = 1_000;
    static final long LAST_BACKOFF_MS = 60_000;
    /** How often the packets folder is looked at for a new checkpoint. */
    static final long CHECKPOINT_LOOK_MS = 5_000;
    /** How often the folder is listed for a checkpoint when no packet came since the last listing. */
    static final long CHECKPOINT_SLOW_LOOK_MS = 60_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** UTC with milliseconds, always three digits (docs/mqtt-topics.md). */
    private static final DateTimeFormatter TIME = CaseNotice.TIME;

    private record Active(Transfer transfer, CaseNotice notice, byte[] packet) {
    }

    /** A case whose every message the broker PUBACKed, waiting for the platform since {@code nanos}. */
    private record Waiting(Transfer transfer, String packetSha256, long nanos) {
    }

    private final Outbox outbox;
    private final BrokerLink link;
    private final Settings settings;
    private final Topics topics;
    private final Clock clock;
    private final Logger log;
    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final Map<String, Active> active = new LinkedHashMap<>();
    private final Map<String, Waiting> awaiting = new HashMap<>();
    private final Set<String> rejected = new HashSet<>();
    /**
     * Outbox states not yet written: marked together, in one transaction, once the events at hand are handled (and
     * before the outbox is read), instead of one flush of the disk per PUBACK and acknowledgement.
     */
    private final Map<String, State> marks = new LinkedHashMap<>();
    /** Paging once through the cases in state SENT that this run is not waiting for (an earlier run's, or unanswered). */
    private boolean resendScan = true;
    private Item resendAfter;
    private final Map<String, AtomicLong> counters = new LinkedHashMap<>();
    private volatile boolean running;
    private volatile boolean connected;
    /** When the platform's last VERIFIED was taken; null before the first (the console shows it). */
    private volatile Instant lastVerified;
    private Thread thread;
    private Runnable stopListening;
    private int generation;
    /** Case messages (notices, chunks) without a PUBACK on this connection. */
    private int outstanding;
    /** Status and alarm messages without a PUBACK on this connection. */
    private int others;
    private int receiveMaximum = 1;
    /** MQTT 5: chunks carry user properties; MQTT 3.1.1: their identity is in the topic. */
    private boolean properties = true;
    private int chunkSize;
    private long backoff = FIRST_BACKOFF_MS;
    private long pauseUntil;
    private long lastLoad;
    private boolean lastLoadFound = true;
    private long lastMarkFlush = System.nanoTime();
    private long nextHeartbeat;
    private long nextTimeoutCheck;
    private Instant since;
    /** The tree size of the newest checkpoint the broker PUBACKed on this run; 0 before. */
    private long checkpointDelivered;
    /** The tree size of the checkpoint being published, 0 when none is. */
    private long checkpointInFlight;
    private long nextCheckpointLook = System.nanoTime();
    /** The chain head when the packets folder was last listed for checkpoints; -1: list it at the next look. */
    private long checkpointLookHead = -1;
    private int checkpointLooksLeft;
    private long nextSlowCheckpointLook;

    Courier(Outbox outbox, BrokerLink link, Settings settings, Clock clock, Logger log) {
        this.outbox = outbox;
        this.link = link;
        this.settings = settings;
        this.topics = settings.topics();
        this.clock = clock;
        this.log = log;
        for (String c : List.of("connects", "notices", "noticesPubacked", "chunks", "chunkBytes", "casesSent", "verified", "missing",
                "rejected", "invalidAcks", "pubackErrors", "unreadablePackets", "resentUnanswered", "checkpoints")) {
            counters.put(c, new AtomicLong());
        }
    }

    synchronized void start() {
        running = true;
        stopListening = outbox.onPut(item -> wake());
        thread = new Thread(this::run, "nsegw-uplink");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread, publishes the retained offline status and disconnects. */
    void stop() throws InterruptedException {
        running = false;
        synchronized (this) {
            if (stopListening != null) {
                stopListening.run();
            }
        }
        events.add(() -> { });
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(10_000);
        }
        link.disconnect(connected ? statusMessage(false) : null);
        connected = false;
        link.close();
    }

    boolean connected() {
        return connected;
    }

    /** A case was put in the outbox: look at once instead of at the next idle poll. Any thread. */
    void wake() {
        events.add(() -> lastLoadFound = true);
    }

    /** When the platform last answered VERIFIED for a case in the outbox; empty before the first since the start. */
    Optional<Instant> lastVerified() {
        return Optional.ofNullable(lastVerified);
    }

    /** Running totals: connects, notices, chunks, chunkBytes, casesSent, verified, missing, rejected, invalidAcks, ... */
    Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void count(String counter, long n) {
        counters.get(counter).addAndGet(n);
    }

    private void run() {
        while (running) {
            try {
                if (!connected) {
                    if (!connect()) {
                        waitForEvents(backoff);
                        backoff = Math.min(backoff * 2, LAST_BACKOFF_MS);
                        continue;
                    }
                    backoff = FIRST_BACKOFF_MS;
                }
                handleEvents(0);
                boolean published = fill();
                heartbeat();
                checkpoint();
                resendUnanswered();
                if (!published) {
                    handleEvents(IDLE_POLL_MS);
                }
            } catch (RuntimeException e) {
                log.error("Uplink: {}; carrying on in 1 s", e.toString(), e);
                waitForEvents(1_000);
            }
        }
        try {
            flushMarks();
        } catch (RuntimeException e) {
            log.warn("Uplink: {} outbox states not written at stop ({}); those cases are sent again at the next start", marks.size(),
                    e.toString());
        }
    }

    private void waitForEvents(long ms) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (running) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            handleEvents(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
    }

    /** Waits up to {@code ms} for one event, then handles every event queued. */
    private void handleEvents(long ms) {
        try {
            Runnable first = ms > 0 ? events.poll(ms, TimeUnit.MILLISECONDS) : events.poll();
            for (Runnable e = first; e != null; e = events.poll()) {
                e.run();
            }
            if (System.nanoTime() - lastMarkFlush >= TimeUnit.MILLISECONDS.toNanos(MARK_INTERVAL_MS)) {
                flushMarks();
            }
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    // --- connection ---

    private boolean connect() {
        int gen = generation + 1;
        BrokerLink.Limits limits;
        try {
            limits = link.connect(new BrokerLink.Listener() {
                @Override
                public void acknowledgement(byte[] payload, byte[] correlation) {
                    events.add(() -> onAck(payload, correlation));
                }

                @Override
                public void lost(String reason) {
                    events.add(() -> onLost(gen, reason));
                }
            });
        } catch (IOException e) {
            log.warn("Uplink offline: {}; trying again in {} s", e.getMessage(), backoff / 1000);
            return false;
        }
        int size;
        try {
            size = ChunkSize.of(limits.maxPacketSize(), topics.chunk(), settings.maxChunkKb());
        } catch (IllegalStateException e) {
            log.error("ALARM uplink: {}", e.getMessage());
            link.disconnect(null);
            return false;
        }
        generation = gen;
        outstanding = 0;
        others = 0;
        receiveMaximum = Math.max(1, limits.receiveMaximum());
        properties = limits.properties();
        if (chunkSize != 0 && size != chunkSize) {
            restartAll(size);
        }
        chunkSize = size;
        for (Active a : active.values()) {
            a.transfer().reconnected();
        }
        if (!limits.sessionPresent() && !awaiting.isEmpty()) {
            // the broker lost our session, and may have lost with it what it held for the platform
            log.warn("Uplink: the broker has no session of this gateway any more; {} cases waiting for the platform are sent again",
                    awaiting.size());
            awaiting.clear();
            rescanSent();
        }
        connected = true;
        since = clock.instant();
        count("connects", 1);
        log.info("Uplink connected (session {}): chunks of {} bytes (broker maximum packet {}), {} in flight; {} cases being sent,"
                + " {} waiting for the platform", limits.sessionPresent() ? "resumed" : "new", size,
                limits.maxPacketSize().isPresent() ? limits.maxPacketSize().getAsLong() + " bytes" : "not limited", receiveMaximum,
                active.size(), awaiting.size());
        publishTracked(statusMessage(true));
        nextCheckpointLook = System.nanoTime();
        checkpointLookHead = -1;
        checkpointInFlight = 0;
        nextHeartbeat = System.nanoTime();
        return true;
    }

    /** The broker's limit changed the chunk size: cases being sent start again with a new notice. */
    private void restartAll(int size) {
        List<String> ids = List.copyOf(active.keySet());
        for (String id : ids) {
            Active old = active.remove(id);
            Active fresh = activate(id, old.notice().priority(), old.packet(), size);
            if (fresh != null) {
                active.put(id, fresh);
            }
        }
    }

    private void onLost(int gen, String reason) {
        if (gen != generation || !connected) {
            return;
        }
        connected = false;
        log.warn("Uplink connection lost: {}; {} cases being sent continue after the reconnect", reason, active.size());
    }

    // --- sending ---

    /** Publishes while the window has room; returns whether anything was published. */
    private boolean fill() {
        boolean any = false;
        // cases leave one place of the broker's Receive Maximum to the status and alarms
        while (connected && running && outstanding < Math.max(1, receiveMaximum - 1) && outstanding + others < receiveMaximum
                && System.nanoTime() - pauseUntil >= 0) {
            Active next = null;
            Step step = null;
            for (Active a : active.values()) {
                Optional<Step> s = a.transfer().next();
                if (s.isPresent()) {
                    next = a;
                    step = s.get();
                    break;
                }
            }
            if (next == null) {
                if (!load()) {
                    break;
                }
                continue;
            }
            if (!publish(next, step)) {
                break;
            }
            any = true;
        }
        return any;
    }

    /**
     * Takes more cases from the outbox, in its order: the ones not yet sent, then (once through) those sent but not
     * waiting for the platform in this run. Returns whether any was taken. The outbox reads the unsent ones from an
     * index of their own, so this costs the cases it returns, however many wait for the platform.
     */
    private boolean load() {
        if (full()) {
            return false;
        }
        long now = System.nanoTime();
        if (!lastLoadFound && now - lastLoad < TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MS)) {
            return false;
        }
        lastLoad = now;
        flushMarks(); // the outbox must know what was sent before it is asked what is not
        boolean found = false;
        // the ones being sent or left alone are in the answer too: ask for as many more
        for (Item item : outbox.unsent(active.size() + rejected.size() + MAX_ACTIVE)) {
            found |= take(item);
            if (full()) {
                break;
            }
        }
        while (resendScan && !full()) {
            List<Item> page = outbox.sent(MAX_ACTIVE, resendAfter);
            boolean whole = true;
            for (Item item : page) {
                if (full()) {
                    whole = false;
                    break;
                }
                resendAfter = item;
                found |= take(item);
            }
            if (whole && page.size() < MAX_ACTIVE) {
                resendScan = false;
                resendAfter = null;
            }
        }
        lastLoadFound = found;
        return found;
    }

    /** Whether the cases being sent are as many, or their packets as large, as the courier holds in memory. */
    private boolean full() {
        if (active.size() >= MAX_ACTIVE) {
            return true;
        }
        long bytes = 0;
        for (Active a : active.values()) {
            bytes += a.packet().length;
        }
        return bytes >= MAX_ACTIVE_BYTES;
    }

    /** Starts sending a case unless it is being sent, waited for or left alone. */
    private boolean take(Item item) {
        String id = item.caseId();
        if (active.containsKey(id) || awaiting.containsKey(id) || rejected.contains(id)) {
            return false;
        }
        Active a = read(item);
        if (a != null) {
            active.put(id, a);
            return true;
        }
        return false;
    }

    /** Cases in state SENT that are no longer waited for are sent again: page through them once more from the first. */
    private void rescanSent() {
        resendScan = true;
        resendAfter = null;
    }

    private void mark(String caseId, State state) {
        State before = marks.get(caseId);
        if (before == null || before.compareTo(state) < 0) {
            marks.put(caseId, state);
        }
    }

    /** Writes the marks gathered, in one transaction; a case no longer in the outbox (acknowledged and purged) is let go. */
    private void flushMarks() {
        lastMarkFlush = System.nanoTime();
        if (marks.isEmpty()) {
            return;
        }
        Set<String> gone = outbox.mark(marks); // on a failure the marks stay, to be written with the next ones
        marks.clear();
        for (String id : gone) {
            // acknowledged and purged meanwhile (a late PUBACK): nothing left to mark
            active.remove(id);
            awaiting.remove(id);
        }
    }

    private Active read(Item item) {
        try {
            return activate(item.caseId(), item.priority().name(), Files.readAllBytes(item.packet()), chunkSize);
        } catch (IOException e) {
            unreadable(item.caseId(), e);
            return null;
        }
    }

    private Active activate(String caseId, String priority, byte[] packet, int size) {
        try {
            CaseNotice notice = CaseNotice.of(caseId, priority, packet, size);
            return new Active(new Transfer(caseId, notice.chunks()), notice, packet);
        } catch (IOException e) {
            unreadable(caseId, e);
            return null;
        }
    }

    /** A packet that cannot be read is kept in the outbox and left alone until a person looks. */
    private void unreadable(String caseId, IOException e) {
        count("unreadablePackets", 1);
        rejected.add(caseId);
        log.error("ALARM uplink: packet {} cannot be sent: {}; it stays in the outbox", caseId, e.getMessage());
        publishTracked(alarmMessage("packet " + caseId + " cannot be sent: " + e.getMessage()));
    }

    private boolean publish(Active a, Step step) {
        String caseId = a.transfer().caseId();
        BrokerLink.Message m = step.notice() ? noticeMessage(a) : chunkMessage(a, step.index());
        int gen = generation;
        try {
            link.publish(m, error -> events.add(() -> onDelivered(gen, caseId, step, error)));
        } catch (IOException e) {
            log.warn("Uplink: the client refused {} of {}: {}; reconnecting", step.notice() ? "the notice" : "chunk " + step.index(),
                    caseId, e.getMessage());
            link.disconnect(null);
            onLost(gen, e.getMessage());
            return false;
        }
        a.transfer().published(step);
        outstanding++;
        if (step.notice()) {
            count("notices", 1);
        } else {
            count("chunks", 1);
            count("chunkBytes", m.payload().length);
        }
        return true;
    }

    private BrokerLink.Message noticeMessage(Active a) {
        return new BrokerLink.Message(topics.notice(), a.notice().toJson(), 1, false, Map.of(),
                properties ? a.transfer().caseId().getBytes(StandardCharsets.UTF_8) : null);
    }

    private BrokerLink.Message chunkMessage(Active a, int index) {
        CaseNotice n = a.notice();
        int from = index * n.chunkSize();
        int to = (int) Math.min(a.packet().length, (long) from + n.chunkSize());
        byte[] bytes = java.util.Arrays.copyOfRange(a.packet(), from, to);
        if (!properties) {
            return new BrokerLink.Message(topics.chunk311(n.caseId(), index, n.chunks()), bytes, 1, false, Map.of(), null);
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("caseId", n.caseId());
        props.put("index", Integer.toString(index));
        props.put("chunks", Integer.toString(n.chunks()));
        props.put("sha256", CaseNotice.sha256(bytes));
        return new BrokerLink.Message(topics.chunk(), bytes, 1, false, props, n.caseId().getBytes(StandardCharsets.UTF_8));
    }

    /** Status, alarms: QoS 1 messages that are no case's but take a place in the window. */
    private void publishTracked(BrokerLink.Message m) {
        if (!connected || outstanding + others >= receiveMaximum) {
            log.warn("Uplink: {} not published: {}", m.topic(), connected ? "the broker's Receive Maximum is reached" : "offline");
            return;
        }
        int gen = generation;
        try {
            link.publish(m, error -> events.add(() -> {
                if (gen == generation) {
                    others--;
                }
                if (error != null) {
                    log.warn("Uplink: {} not delivered: {}", m.topic(), error);
                }
            }));
            others++;
        } catch (IOException e) {
            log.warn("Uplink: {} not published: {}", m.topic(), e.getMessage());
        }
    }

    private void onDelivered(int gen, String caseId, Step step, String error) {
        if (gen == generation) {
            outstanding--;
        }
        Active a = active.get(caseId);
        if (a == null) {
            return;
        }
        Transfer t = a.transfer();
        if (error != null) {
            t.failed(step);
            if (gen != generation || !connected) {
                return; // the connection went: sent again after the reconnect
            }
            count("pubackErrors", 1);
            pauseUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            log.warn("Uplink: {} of {} not accepted: {}; sent again", step.notice() ? "the notice" : "chunk " + step.index(), caseId,
                    error);
            return;
        }
        t.pubacked(step);
        if (step.notice()) {
            mark(caseId, State.NOTIFIED);
            count("noticesPubacked", 1);
        }
        if (t.phase() == Phase.AWAITING) {
            mark(caseId, State.SENT);
            active.remove(caseId);
            awaiting.put(caseId, new Waiting(t, a.notice().packetSha256(), System.nanoTime()));
            count("casesSent", 1);
        }
    }

    // --- acknowledgements ---

    private void onAck(byte[] payload, byte[] correlation) {
        Ack ack;
        try {
            ack = Ack.parse(payload, correlation);
        } catch (Ack.Invalid e) {
            count("invalidAcks", 1);
            log.warn("Uplink: an acknowledgement was ignored: {}", e.getMessage());
            return;
        }
        switch (ack.status()) {
            case VERIFIED -> verified(ack);
            case MISSING -> missing(ack);
            case REJECTED -> rejected(ack);
        }
    }

    private void verified(Ack ack) {
        String id = ack.caseId();
        if (marks.get(id) == State.ACKNOWLEDGED) {
            return; // a repeated answer, before the first was written
        }
        Active a = active.get(id);
        Waiting w = awaiting.get(id);
        String expected;
        if (a == null && w != null) {
            expected = w.packetSha256(); // the usual case: known, in the outbox and not acknowledged
        } else {
            Optional<Item> item = outbox.find(id);
            if (item.isEmpty()) {
                log.info("Uplink: VERIFIED for {}, which is not in the outbox (already acknowledged and removed)", id);
                return;
            }
            if (item.get().state() == State.ACKNOWLEDGED) {
                return;
            }
            try {
                expected = a != null ? a.notice().packetSha256() : CaseNotice.sha256(Files.readAllBytes(item.get().packet()));
            } catch (IOException e) {
                log.error("Uplink: VERIFIED for {} but its packet cannot be read to compare digests: {}", id, e.getMessage());
                return;
            }
        }
        if (!expected.equals(ack.packetSha256())) {
            count("invalidAcks", 1);
            log.warn("Uplink: VERIFIED for {} names packet SHA-256 {}, but the outbox holds {}; not acknowledged", id,
                    ack.packetSha256(), expected);
            return;
        }
        mark(id, State.ACKNOWLEDGED);
        Transfer t = a != null ? a.transfer() : w != null ? w.transfer() : null;
        if (t != null) {
            t.verified();
        }
        active.remove(id);
        awaiting.remove(id);
        rejected.remove(id);
        count("verified", 1);
        lastVerified = clock.instant();
    }

    private void missing(Ack ack) {
        String id = ack.caseId();
        count("missing", 1);
        Active a = active.get(id);
        Waiting w = awaiting.get(id);
        Transfer waiting = w == null ? null : w.transfer();
        if (a == null && waiting != null) {
            Optional<Item> item = outbox.find(id);
            if (item.isEmpty()) {
                awaiting.remove(id);
                return;
            }
            a = read(item.get());
            if (a == null) {
                awaiting.remove(id);
                return;
            }
            if (a.transfer().chunks() == waiting.chunks()) {
                a = new Active(waiting, a.notice(), a.packet());
            }
            awaiting.remove(id);
            active.put(id, a);
            if (a.transfer() != waiting) {
                return; // the chunk size changed: the whole case again
            }
        }
        if (a == null) {
            Optional<Item> item = outbox.find(id).filter(i -> i.state() != State.ACKNOWLEDGED);
            if (item.isPresent() && !rejected.contains(id)) {
                Active fresh = read(item.get());
                if (fresh != null) {
                    active.put(id, fresh); // not known to this run: notice and every chunk again
                }
            }
            return;
        }
        try {
            a.transfer().missing(ack.missing());
        } catch (IllegalArgumentException e) {
            count("invalidAcks", 1);
            log.warn("Uplink: MISSING ignored: {}", e.getMessage());
        }
    }

    private void rejected(Ack ack) {
        String id = ack.caseId();
        if (outbox.find(id).filter(i -> i.state() != State.ACKNOWLEDGED).isEmpty()) {
            return;
        }
        count("rejected", 1);
        Active a = active.remove(id);
        Waiting w = awaiting.remove(id);
        Transfer t = a != null ? a.transfer() : w != null ? w.transfer() : null;
        if (t != null) {
            t.rejected();
        }
        rejected.add(id);
        log.error("ALARM uplink: the platform REJECTED case {}: {}; it stays in the outbox and is not sent again on its own", id,
                ack.reason());
        publishTracked(alarmMessage("the platform rejected case " + id + ": " + ack.reason()));
    }

    /**
     * A case the platform has not answered within the ack timeout is sent again whole (the broker may have lost what it
     * held for the platform, or the platform lost it): the outbox hands it out again once it is no longer waiting.
     */
    private void resendUnanswered() {
        long now = System.nanoTime();
        if (settings.ackTimeoutSeconds() <= 0 || now - nextTimeoutCheck < 0) {
            return;
        }
        nextTimeoutCheck = now + TimeUnit.SECONDS.toNanos(1);
        long limit = TimeUnit.SECONDS.toNanos(settings.ackTimeoutSeconds());
        int before = awaiting.size();
        awaiting.values().removeIf(w -> now - w.nanos() > limit);
        if (awaiting.size() < before) {
            rescanSent();
            count("resentUnanswered", before - awaiting.size());
            log.info("Uplink: {} cases unanswered for {} s are sent again", before - awaiting.size(), settings.ackTimeoutSeconds());
        }
    }

    // --- checkpoints ---

    /**
     * Publishes the newest signed checkpoint of the packets folder when the broker has not PUBACKed it (or a newer one)
     * on this run: retained on P/G/case/checkpoint, so a platform that subscribes later still gets it. Each checkpoint
     * covers the whole chain from sequence 1, so the newest is what the platform needs to name missing cases; one lost
     * on the way is made good by the next. Looked for at each connect, then every {@link #CHECKPOINT_LOOK_MS} when packets
     * came since the last look, else every {@link #CHECKPOINT_SLOW_LOOK_MS}.
     */
    private void checkpoint() {
        if (!connected || checkpointInFlight != 0 || System.nanoTime() - nextCheckpointLook < 0) {
            return;
        }
        nextCheckpointLook = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHECKPOINT_LOOK_MS);
        // A checkpoint follows a new packet (every N, written just after it) or comes later (every T, at stop): the
        // folder, which may hold thousands of packets, is listed at the two looks after the chain moved on (the
        // checkpoint may land just after the first), and otherwise once a minute.
        long head = outbox.head().sequence();
        if (head != checkpointLookHead) {
            checkpointLookHead = head;
            checkpointLooksLeft = 2;
        }
        if (checkpointLooksLeft == 0 && System.nanoTime() - nextSlowCheckpointLook < 0) {
            return;
        }
        checkpointLooksLeft = Math.max(0, checkpointLooksLeft - 1);
        nextSlowCheckpointLook = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHECKPOINT_SLOW_LOOK_MS);
        Optional<CheckpointFiles.Newest> newest;
        byte[] json;
        try {
            newest = CheckpointFiles.newest(outbox.directory().resolve("packets"));
            if (newest.isEmpty() || newest.get().treeSize() <= checkpointDelivered || outstanding + others >= receiveMaximum) {
                return;
            }
            json = Files.readAllBytes(newest.get().file());
        } catch (IOException e) {
            log.warn("Uplink: cannot read the newest checkpoint: {}", e.getMessage());
            checkpointLookHead = -1; // look again at the next turn
            return;
        }
        long size = newest.get().treeSize();
        int gen = generation;
        try {
            link.publish(new BrokerLink.Message(topics.checkpoint(), json, 1, true, Map.of(), null),
                    error -> events.add(() -> {
                        if (gen == generation) {
                            others--;
                            checkpointInFlight = 0;
                        }
                        if (error == null) {
                            checkpointDelivered = Math.max(checkpointDelivered, size);
                            count("checkpoints", 1);
                        } else {
                            log.warn("Uplink: checkpoint of {} cases not delivered: {}", size, error);
                        }
                    }));
            others++;
            checkpointInFlight = size;
        } catch (IOException e) {
            log.warn("Uplink: checkpoint of {} cases not published: {}", size, e.getMessage());
        }
    }

    // --- status ---

    private void heartbeat() {
        healthAlarms();
        if (settings.heartbeatSeconds() <= 0 || System.nanoTime() - nextHeartbeat < 0) {
            return;
        }
        nextHeartbeat = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.heartbeatSeconds());
        ObjectNode o = JSON.createObjectNode();
        o.put("gatewayId", settings.gatewayId());
        o.put("time", now());
        o.put("pending", outbox.usage().pending());
        ObjectNode report = healthReport();
        if (report != null) {
            report.remove("time");
            o.setAll(report);
        }
        try {
            link.publish(new BrokerLink.Message(topics.heartbeat(), json(o), 0, false, Map.of(), null), error -> { });
        } catch (IOException e) {
            log.debug("Uplink: heartbeat not sent: {}", e.getMessage());
        }
        if (report != null && outstanding + others < receiveMaximum) {
            // the retained status stays as fresh as the heartbeat for whoever subscribes later
            publishTracked(statusMessage(true));
        }
    }

    // --- health (docs/mqtt-topics.md, "Status" and "Alarms") ---

    /** The health service, when the health bundle runs: its report goes into the status and heartbeat, its alarms out. */
    private volatile Supplier<GatewayHealth> health = () -> null;
    /** The health service whose alarms were read last, and the sequence of the last one published. */
    private GatewayHealth alarmSource;
    private long alarmsSent;
    private long nextAlarmLook;

    void health(Supplier<GatewayHealth> health) {
        this.health = health;
    }

    /** The health report as JSON, or null without the health service (or when it fails: the status goes without). */
    private ObjectNode healthReport() {
        GatewayHealth h = health.get();
        if (h == null) {
            return null;
        }
        try {
            return (ObjectNode) JSON.readTree(h.reportJson());
        } catch (IOException | RuntimeException e) {
            log.warn("Uplink: no health report in the status: {}", e.toString());
            return null;
        }
    }

    /**
     * Publishes the health alarms raised or cleared since the last look (at most once a second), and then the status
     * again, so that its retained copy shows the alarms standing. Alarms raised while offline follow at the reconnect
     * (the health service keeps the newest events).
     */
    private void healthAlarms() {
        if (System.nanoTime() - nextAlarmLook < 0) {
            return;
        }
        nextAlarmLook = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        GatewayHealth h = health.get();
        if (h == null) {
            return;
        }
        if (h != alarmSource) {
            alarmSource = h;
            alarmsSent = 0;
        }
        boolean sent = false;
        for (HealthAlarm a : h.alarmsAfter(alarmsSent)) {
            int before = others;
            publishTracked(alarmMessage(a));
            if (others == before) {
                break; // not published (the window is full): this one again at the next look
            }
            alarmsSent = a.sequence();
            sent = true;
        }
        if (sent && outstanding + others < receiveMaximum) {
            publishTracked(statusMessage(true));
        }
    }

    private BrokerLink.Message alarmMessage(HealthAlarm a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("gatewayId", settings.gatewayId());
        o.put("time", TIME.format(a.time()));
        o.put("device", a.source());
        o.put("text", a.text());
        o.put("condition", a.condition());
        o.put("raised", a.raised());
        return new BrokerLink.Message(topics.alarm(), json(o), 1, false, Map.of(), null);
    }

    private BrokerLink.Message statusMessage(boolean online) {
        ObjectNode o = JSON.createObjectNode();
        o.put("gatewayId", settings.gatewayId());
        o.put("online", online);
        if (online) {
            o.put("since", TIME.format(since));
            o.put("version", settings.version());
            Usage u = outbox.usage();
            ObjectNode box = o.putObject("outbox");
            box.put("pending", u.pending());
            box.put("unacknowledgedCases", u.unacknowledgedCases());
            ObjectNode report = healthReport();
            if (report != null) {
                // the report's outbox has the same counts and the oldest case waiting
                o.setAll(report);
            }
        }
        return new BrokerLink.Message(topics.status(), json(o), 1, true, Map.of(), null);
    }

    /** The last will: the same topic, retained, saying the gateway is offline. */
    static BrokerLink.Message will(Topics topics, String gatewayId) {
        ObjectNode o = JSON.createObjectNode();
        o.put("gatewayId", gatewayId);
        o.put("online", false);
        return new BrokerLink.Message(topics.status(), json(o), 1, true, Map.of(), null);
    }

    private BrokerLink.Message alarmMessage(String text) {
        ObjectNode o = JSON.createObjectNode();
        o.put("gatewayId", settings.gatewayId());
        o.put("time", now());
        o.put("device", "uplink");
        o.put("text", text);
        return new BrokerLink.Message(topics.alarm(), json(o), 1, false, Map.of(), null);
    }

    private String now() {
        return TIME.format(clock.instant());
    }

    private static byte[] json(ObjectNode o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
