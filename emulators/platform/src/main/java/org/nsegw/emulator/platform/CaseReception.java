package org.nsegw.emulator.platform;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.nsegw.packet.Checkpoint;

/**
 * What one receiver instance does with the notices and chunks it is given, whatever MQTT version brought them:
 * keeps them in the shared {@link CaseStore} at once (so before the message is acknowledged to the broker), and on
 * one worker thread assembles the cases that are whole, checks them ({@link PacketCheck}, the chain), stores and
 * answers them, and asks for missing chunks when a case's notice is older than {@code missingAfter}.
 *
 * <p>Group commit: the worker takes every case that became whole since it last looked (up to {@value #MAX_BATCH}),
 * checks them one by one, then makes all their verified packets, chain entries and {@code received.jsonl} lines
 * durable together ({@link CaseStore.Commit}: files forced at the same time, each folder once) and only then hands
 * their answers to the sender. No answer goes out before what it confirms is on disk.
 */
final class CaseReception implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CaseReception.class.getName());
    /** MISSING is asked again at growing intervals, up to this many times missingAfter, while a case stays incomplete. */
    private static final int MAX_MISSING_BACKOFF = 16;
    /** Cases completed and made durable together, at most. */
    static final int MAX_BATCH = 512;

    /** Where the answers go: P/G/ack. */
    interface Answers {
        void send(String gateway, Acknowledgement ack);
    }

    /**
     * A chunk's description: from its user properties (MQTT 5) or its topic (MQTT 3.1.1, which has no per-chunk
     * digest: sha256 null; the packet's digest and signature still catch any change).
     */
    record ChunkHeader(String caseId, int index, int chunks, String sha256) {
    }

    private record Key(String gateway, String caseId) {
    }

    /** A case checked in a batch, answered once the batch is durable. */
    private record Outcome(Key key, CaseNotice notice, long sequence, String status, String reason, Instant arrived,
            Acknowledgement ack, CaseStore.ChainEntry link, boolean test) {
    }

    private final CaseStore store;
    private final String instance;
    private final Set<String> trustedKeyIds;
    private final Duration missingAfter;
    private final Answers answers;
    private final ScheduledExecutorService worker;
    private final Map<String, ScheduledFuture<?>> missingTimers = new ConcurrentHashMap<>();
    private final AtomicLong notices = new AtomicLong();
    private final AtomicLong chunks = new AtomicLong();
    private final AtomicLong repeatedChunks = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong missingRequests = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    /** Cases that may be whole, in the order they became so; each at most once in the queue. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Key> ready = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Set<Key> queued = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong checkpoints = new AtomicLong();
    private volatile boolean closing;

    CaseReception(CaseStore store, String instance, Set<String> trustedKeyIds, Duration missingAfter, Answers answers) {
        this.store = store;
        this.instance = instance;
        this.trustedKeyIds = Set.copyOf(trustedKeyIds);
        this.missingAfter = missingAfter;
        this.answers = answers;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "platform-receiver " + instance);
            t.setDaemon(true);
            return t;
        });
        // close() finishes the work at hand, not the MISSING timers (the next start arms them again)
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        this.worker = executor;
    }

    /** Takes over the cases staged in the store (by this instance before a restart, or by one that is gone). */
    void adoptStaged() throws IOException {
        for (String[] staged : store.stagedCases()) {
            armMissingTimer(staged[0], staged[1], 1);
            completeLater(staged[0], staged[1]);
        }
    }

    Counts counts(long answersAgain) {
        return new Counts(notices.get(), chunks.get(), repeatedChunks.get(), verified.get(), rejected.get(),
                duplicates.get(), missingRequests.get(), ignored.get(), commits.get(), answersAgain);
    }

    /**
     * A message on the case filter. A chunk's header comes from its topic (MQTT 3.1.1) or, when the topic has none,
     * from {@code properties} (MQTT 5 user properties; null on a 3.1.1 link). Never throws: the MQTT clients drop
     * the connection when their callback does.
     */
    void onMessage(Topics topics, String topic, byte[] payload, Supplier<ChunkHeader> properties) {
        try {
            Optional<String> checkpointOf = topics.checkpointGateway(topic);
            if (checkpointOf.isPresent()) {
                onCheckpoint(checkpointOf.get(), payload);
                return;
            }
            var parsed = topics.parse(topic);
            if (parsed.isEmpty() || (!parsed.get().notice() && parsed.get().chunk() == null && properties == null)) {
                ignore(topic, "not a notice or chunk topic");
            } else if (!CaseStore.isSafeName(parsed.get().gateway())) {
                ignore(topic, "the gateway id is not a safe file name");
            } else if (parsed.get().notice()) {
                onNotice(parsed.get().gateway(), payload);
            } else if (parsed.get().chunk() != null) {
                onChunk(parsed.get().gateway(), parsed.get().chunk(), payload);
            } else {
                ChunkHeader header;
                try {
                    header = properties.get();
                } catch (NumberFormatException e) {
                    ignore(topic, "a chunk whose index or chunks property is missing or not a number");
                    return;
                }
                onChunk(parsed.get().gateway(), header, payload);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "cannot handle a message on " + topic, e);
        }
    }

    /**
     * A gateway's signed checkpoint (retained on P/G/case/checkpoint): kept beside its packets, where
     * {@link PlatformReceiver#verifyStore} checks its signature and root against them and names every case it covers
     * that the platform does not have.
     */
    void onCheckpoint(String gateway, byte[] payload) {
        if (!CaseStore.isSafeName(gateway)) {
            ignore(gateway + " checkpoint", "the gateway id is not a safe file name");
            return;
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(payload);
        } catch (IllegalArgumentException e) {
            ignore(gateway + " checkpoint", "not a checkpoint: " + e.getMessage());
            return;
        }
        if (!checkpoint.gatewayId().equals(gateway)) {
            ignore(gateway + " checkpoint", "it names gateway " + checkpoint.gatewayId());
            return;
        }
        try {
            if (store.storeCheckpoint(gateway, checkpoint.treeSize(), payload)) {
                checkpoints.incrementAndGet();
                LOG.log(Level.INFO, "gateway {0}: checkpoint of {1} cases stored", gateway, checkpoint.treeSize());
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "gateway " + gateway + ": " + e.getMessage());
        }
    }

    /** Checkpoints stored by this instance. */
    long checkpoints() {
        return checkpoints.get();
    }

    /** A message that is not a notice or chunk, or not a valid one. */
    void ignore(String what, String why) {
        ignored.incrementAndGet();
        LOG.log(Level.WARNING, "ignored {0}: {1}", what, why);
    }

    /** A message on P/G/case/notice: kept, then the case completed if its chunks are all here. */
    void onNotice(String gateway, byte[] payload) {
        CaseNotice.Parsed parsed = CaseNotice.parse(payload);
        if (parsed.notice() == null) {
            ignore(gateway + " notice", parsed.problem());
            return;
        }
        notices.incrementAndGet();
        CaseNotice notice = parsed.notice();
        if (store.isStored(gateway, notice.caseId())) {
            submit(() -> answerDuplicate(gateway, notice));
            return;
        }
        try {
            store.putNotice(gateway, notice.caseId(), payload);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot keep the notice of case " + notice.caseId(), e);
            return;
        }
        armMissingTimer(gateway, notice.caseId(), 1);
        completeLater(gateway, notice.caseId());
    }

    /** A message on P/G/case/chunk: checked against its digest, kept, then the case completed if it is whole. */
    void onChunk(String gateway, ChunkHeader header, byte[] bytes) {
        chunks.incrementAndGet();
        String caseId = header.caseId();
        if (!CaseStore.isSafeName(caseId)) {
            ignore(gateway + " chunk", "caseId '" + caseId + "' is missing or not a safe file name");
            return;
        }
        if (header.index() < 0 || header.index() >= header.chunks()) {
            ignore(gateway + " chunk", "case " + caseId + ": index " + header.index() + " is not in 0.."
                    + (header.chunks() - 1));
            return;
        }
        if (store.isStored(gateway, caseId)) {
            repeatedChunks.incrementAndGet();
            return;
        }
        if (header.sha256() != null) {
            String actual = PacketCheck.sha256(bytes);
            if (!actual.equals(header.sha256())) {
                String reason = "chunk " + header.index() + " of " + header.chunks() + ": its bytes' SHA-256 " + actual
                        + " is not its sha256 property '" + header.sha256() + "'";
                submit(() -> rejectForChunk(gateway, caseId, reason));
                return;
            }
        }
        try {
            if (!store.putChunk(gateway, caseId, header.index(), bytes)) {
                repeatedChunks.incrementAndGet();
                return;
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot keep chunk " + header.index() + " of case " + caseId, e);
            return;
        }
        completeLater(gateway, caseId);
    }

    /** Finishes the work at hand (up to 10 s); timers are dropped. */
    @Override
    public void close() {
        closing = true;
        missingTimers.values().forEach(f -> f.cancel(false));
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "receiver task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing: what is on disk is taken up by the next start (or another instance's timer)
        }
    }

    /** The case may be whole now: the worker looks at it with the others at hand. */
    private void completeLater(String gateway, String caseId) {
        Key key = new Key(gateway, caseId);
        if (queued.add(key)) {
            ready.add(key);
        }
        if (draining.compareAndSet(false, true)) {
            submit(this::drain);
        }
    }

    /** On the worker: completes the cases queued, a batch at a time, until none is left. */
    private void drain() {
        try {
            while (true) {
                List<Key> batch = new ArrayList<>();
                for (Key k = ready.poll(); k != null; k = batch.size() < MAX_BATCH ? ready.poll() : null) {
                    queued.remove(k); // a chunk arriving from now on queues the case again
                    batch.add(k);
                }
                if (batch.isEmpty()) {
                    return;
                }
                completeBatch(batch);
            }
        } finally {
            draining.set(false);
            if (!ready.isEmpty() && draining.compareAndSet(false, true)) {
                submit(this::drain);
            }
        }
    }

    /**
     * Assembles and checks each case whose notice and every chunk are in the store, makes the outcomes durable together
     * (verified packets, chain entries, received lines), then answers them.
     */
    private void completeBatch(List<Key> keys) {
        CaseStore.Commit commit = store.commit();
        List<Outcome> outcomes = new ArrayList<>();
        for (Key key : keys) {
            try {
                Outcome o = check(key, commit);
                if (o != null) {
                    outcomes.add(o);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "cannot complete case " + key.caseId() + " of " + key.gateway() + " (left for a retry)", e);
                release(key, null);
            }
        }
        if (outcomes.isEmpty()) {
            return;
        }
        List<ReceivedCase> lines = new ArrayList<>(outcomes.size());
        try {
            commit.run();
            Instant now = Instant.now();
            for (Outcome o : outcomes) {
                lines.add(line(o.key().gateway(), o.notice(), o.sequence(), o.status(), o.reason(), o.arrived(), now, o.test()));
            }
            store.appendReceived(lines, true);
            commits.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "cannot store " + outcomes.size() + " completed cases (left for a retry)", e);
            for (Outcome o : outcomes) {
                release(o.key(), o.link());
            }
            return;
        }
        for (Outcome o : outcomes) {
            (o.status().equals("VERIFIED") ? verified : rejected).incrementAndGet();
            answer(o.key().gateway(), o.ack());
            cancelMissingTimer(o.key().gateway(), o.key().caseId());
            store.clearPartial(o.key().gateway(), o.key().caseId());
        }
    }

    /** Lets go of a case this instance could not finish: another attempt (a MISSING timer, a repeat) starts afresh. */
    private void release(Key key, CaseStore.ChainEntry link) {
        try {
            if (link != null) {
                store.releaseSequence(key.gateway(), link.sequence());
            }
            store.releaseClaim(key.gateway(), key.caseId());
        } catch (IOException again) {
            LOG.log(Level.ERROR, "cannot release the claim on case " + key.caseId(), again);
        }
    }

    /**
     * Assembles and checks a case if its notice and every chunk are in the store and no instance has it: its verified
     * packet and chain entry go into {@code commit}, a rejected packet is kept at once. Null when there is nothing to do.
     */
    private Outcome check(Key key, CaseStore.Commit commit) throws IOException {
        String gateway = key.gateway();
        String caseId = key.caseId();
        if (store.isStored(gateway, caseId) || store.isMarkedRejected(gateway, caseId)) {
            return null;
        }
        var staged = store.notice(gateway, caseId);
        if (staged.isEmpty()) {
            return null; // the notice went to another instance, or has not come yet
        }
        CaseNotice notice = CaseNotice.parse(staged.get().json()).notice();
        if (notice == null || store.chunkIndexes(gateway, caseId).size() < notice.chunks()
                || !missingIndexes(gateway, caseId, notice).isEmpty()) {
            return null;
        }
        if (!store.claim(gateway, caseId, instance)) {
            return null; // another instance is on it
        }
        if (store.isStored(gateway, caseId)) {
            store.clearPartial(gateway, caseId); // another instance finished it between our look and our claim
            return null;
        }
        byte[] packet = store.assemble(gateway, caseId, notice.chunks());
        PacketCheck.Outcome outcome = PacketCheck.check(packet, notice, gateway, trustedKeyIds);
        String problem = outcome.ok() ? linkIntoChain(gateway, outcome.link(), commit) : outcome.problem();
        if (problem == null) {
            commit.storeVerified(gateway, caseId, packet);
            return new Outcome(key, notice, outcome.link().sequence(), "VERIFIED", "", staged.get().arrived(),
                    Acknowledgement.verified(caseId, notice.packetSha256()), outcome.link(), outcome.test());
        }
        store.storeRejected(gateway, caseId, packet, problem);
        return new Outcome(key, notice, notice.sequence(), "REJECTED", problem, staged.get().arrived(),
                Acknowledgement.rejected(caseId, notice.packetSha256(), problem), null, false);
    }

    /**
     * Takes the packet's sequence number in its gateway's chain and checks it against its stored neighbours (packets
     * arrive out of sequence order, violations first, so gaps are normal here; verifyStore names the ones left).
     * The number is taken before the neighbours are read, so of two instances storing neighbours at once at least
     * one sees the other. Null when the packet fits.
     */
    private String linkIntoChain(String gateway, CaseStore.ChainEntry link, CaseStore.Commit commit) throws IOException {
        var holder = store.claimSequence(gateway, link, commit);
        if (holder.isPresent()) {
            return "sequence " + link.sequence() + " of gateway " + gateway + " is already case "
                    + holder.get().caseId() + " (manifest " + holder.get().manifestSha256() + ")";
        }
        String problem = null;
        if (link.sequence() == 1 && !link.previousManifestSha256().isEmpty()) {
            problem = "it has sequence 1 but names a previous manifest";
        }
        var before = store.chainEntry(gateway, link.sequence() - 1);
        if (problem == null && before.isPresent()
                && !before.get().manifestSha256().equals(link.previousManifestSha256())) {
            problem = "it does not link to case " + before.get().caseId() + " (sequence " + (link.sequence() - 1)
                    + "): its previousManifestSha256 " + link.previousManifestSha256() + " is not "
                    + before.get().manifestSha256();
        }
        var after = store.chainEntry(gateway, link.sequence() + 1);
        if (problem == null && after.isPresent()
                && !after.get().previousManifestSha256().equals(link.manifestSha256())) {
            problem = "case " + after.get().caseId() + " (sequence " + (link.sequence() + 1)
                    + ") does not name its manifest " + link.manifestSha256() + " as the previous one";
        }
        if (problem != null) {
            store.releaseSequence(gateway, link.sequence(), commit);
            return "chain of gateway " + gateway + ": " + problem;
        }
        return null;
    }

    private void answerDuplicate(String gateway, CaseNotice notice) {
        String storedSha;
        try {
            storedSha = PacketCheck.sha256(Files.readAllBytes(store.packet(gateway, notice.caseId())));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot read the stored packet of case " + notice.caseId(), e);
            return;
        }
        try {
            if (!storedSha.equals(notice.packetSha256())) {
                String reason = "case " + notice.caseId() + " is stored already with another packet (SHA-256 "
                        + storedSha + ")";
                rejected.incrementAndGet();
                record(gateway, notice, notice.sequence(), "REJECTED", reason, Instant.now());
                answer(gateway, Acknowledgement.rejected(notice.caseId(), notice.packetSha256(), reason));
                return;
            }
            duplicates.incrementAndGet();
            record(gateway, notice, notice.sequence(), "DUPLICATE", "", null,
                    PacketCheck.isTest(Files.readAllBytes(store.packet(gateway, notice.caseId()))));
            answer(gateway, Acknowledgement.verified(notice.caseId(), notice.packetSha256()));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot record duplicate case " + notice.caseId(), e);
        }
    }

    private void rejectForChunk(String gateway, String caseId, String reason) {
        try {
            if (!store.markRejected(gateway, caseId, reason)) {
                return; // answered already, for an earlier bad chunk of the case
            }
            rejected.incrementAndGet();
            cancelMissingTimer(gateway, caseId);
            CaseNotice notice = store.notice(gateway, caseId).map(s -> CaseNotice.parse(s.json()).notice())
                    .orElse(null);
            String sha = notice == null ? "" : notice.packetSha256();
            if (notice != null) {
                record(gateway, notice, notice.sequence(), "REJECTED", reason, store.notice(gateway, caseId)
                        .map(CaseStore.StagedNotice::arrived).orElse(Instant.now()));
            } else {
                store.appendReceived(new ReceivedCase(caseId, gateway, 0, "", "", "", "REJECTED", false, reason,
                        Instant.now().toString(), 0, -1, instance));
            }
            answer(gateway, Acknowledgement.rejected(caseId, sha, reason));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot reject case " + caseId, e);
        }
    }

    private List<Integer> missingIndexes(String gateway, String caseId, CaseNotice notice) {
        TreeSet<Integer> have = store.chunkIndexes(gateway, caseId);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < notice.chunks(); i++) {
            if (!have.contains(i)) {
                missing.add(i);
            }
        }
        return missing;
    }

    private void armMissingTimer(String gateway, String caseId, int backoff) {
        if (closing) {
            return;
        }
        String key = gateway + "/" + caseId;
        try {
            ScheduledFuture<?> timer = worker.schedule(() -> checkMissing(gateway, caseId, backoff),
                    missingAfter.toMillis() * backoff, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> before = missingTimers.put(key, timer);
            if (before != null) {
                before.cancel(false);
            }
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void cancelMissingTimer(String gateway, String caseId) {
        ScheduledFuture<?> timer = missingTimers.remove(gateway + "/" + caseId);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Runs missingAfter after the notice: asks for the chunks still missing, then again later while some are. */
    private void checkMissing(String gateway, String caseId, int backoff) {
        missingTimers.remove(gateway + "/" + caseId);
        if (store.isStored(gateway, caseId) || store.isMarkedRejected(gateway, caseId)) {
            return;
        }
        var staged = store.notice(gateway, caseId);
        if (staged.isEmpty()) {
            return; // completed (by any instance) meanwhile
        }
        CaseNotice notice = CaseNotice.parse(staged.get().json()).notice();
        if (notice == null) {
            return;
        }
        List<Integer> missing = missingIndexes(gateway, caseId, notice);
        if (missing.isEmpty()) {
            // every chunk is here: an instance that claimed the case and died leaves a claim behind
            var claimed = store.claimed(gateway, caseId);
            if (claimed.isPresent() && claimed.get().isBefore(Instant.now().minus(missingAfter))) {
                try {
                    store.releaseClaim(gateway, caseId);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot release a stale claim on case {0}: {1}", caseId, e.toString());
                }
            }
            completeBatch(List.of(new Key(gateway, caseId)));
        } else {
            missingRequests.incrementAndGet();
            answer(gateway, Acknowledgement.missing(caseId, notice.packetSha256(), missing));
        }
        if (store.notice(gateway, caseId).isPresent() && !store.isStored(gateway, caseId)) {
            armMissingTimer(gateway, caseId, Math.min(backoff * 2, MAX_MISSING_BACKOFF));
        }
    }

    private void record(String gateway, CaseNotice notice, long sequence, String status, String reason,
            Instant arrived) throws IOException {
        record(gateway, notice, sequence, status, reason, arrived, false);
    }

    /** {@code test}: the verified packet's signed manifest says it is a test case (never the notice's word alone). */
    private void record(String gateway, CaseNotice notice, long sequence, String status, String reason,
            Instant arrived, boolean test) throws IOException {
        store.appendReceived(line(gateway, notice, sequence, status, reason, arrived, Instant.now(), test));
    }

    private ReceivedCase line(String gateway, CaseNotice notice, long sequence, String status, String reason,
            Instant arrived, Instant now, boolean test) {
        return new ReceivedCase(notice.caseId(), gateway, sequence, notice.outcome(), notice.plate(),
                notice.packetSha256(), status, !status.equals("REJECTED"), reason, now.toString(),
                arrived == null ? 0 : Math.max(0, Duration.between(arrived, now).toMillis()),
                notice.time() == null ? -1 : Duration.between(notice.time(), now).toMillis(), instance, test);
    }

    private void answer(String gateway, Acknowledgement ack) {
        answers.send(gateway, ack);
    }
}
