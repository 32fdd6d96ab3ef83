package org.nsegw.emulator.platform;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.nsegw.packet.PacketVerifier;

/**
 * The provincial platform's receiving end, as docs/platform-integration.md describes it for back-office integrators:
 * a shared subscription to every gateway's case notices and chunks, chunks kept in a folder that all instances of
 * the group share, and whichever instance completes a packet verifies it with the packet library, stores it under
 * {@code <store>/<gatewayId>/} and answers {@code VERIFIED}, or {@code REJECTED} with the reasons; a case whose
 * chunks stay missing is answered {@code MISSING}. Every outcome is a line of {@code <store>/received.jsonl}.
 *
 * <pre>
 * try (PlatformReceiver platform = PlatformReceiver.start(PlatformReceiver.Settings.of("tcp://127.0.0.1:1883", "zj/nse", store))) {
 *     ...
 *     platform.counts();                     // this instance
 *     ReceivedCase.readAll(store);           // every instance
 *     PlatformReceiver.verifyStore(store, Set.of());   // each gateway's chain
 * }
 * </pre>
 *
 * Messages are kept on disk before the MQTT callback returns, so before the broker has the receiver's PUBACK; the
 * assembly, verification and answers run on one worker thread per instance.
 */
public final class PlatformReceiver implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PlatformReceiver.class.getName());

    /**
     * @param broker         the broker URL, {@code tcp://host:1883} or {@code ssl://host:8883}
     * @param prefix         the topic prefix {@code P} (the gateways' {@code uplink.topicPrefix})
     * @param group          the shared subscription's group: instances of one group split the messages
     * @param store          the folder, shared by the instances of the group
     * @param trustedKeyIds  the gateways' registered key ids; empty: trust the key each packet includes
     * @param username       null for none
     * @param password       null for none
     * @param missingAfter   how long after a case's notice its chunks may be incomplete before it is answered MISSING
     * @param clientId       this instance's MQTT client id (unique per instance; the session is kept under it)
     * @param sessionExpiry  how long the broker keeps this instance's session, and the messages queued for it, while
     *                       it is away; zero: a clean session that ends with the connection
     */
    public record Settings(String broker, String prefix, String group, Path store, Set<String> trustedKeyIds,
            String username, String password, Duration missingAfter, String clientId, Duration sessionExpiry) {

        public static final String DEFAULT_GROUP = "nsegw-platform";
        public static final Duration DEFAULT_MISSING_AFTER = Duration.ofSeconds(30);

        public Settings {
            Objects.requireNonNull(broker, "broker");
            Objects.requireNonNull(store, "store");
            new Topics(prefix).sharedCaseFilter(group);
            trustedKeyIds = Set.copyOf(trustedKeyIds);
            if (missingAfter.isNegative() || missingAfter.isZero()) {
                throw new IllegalArgumentException("missingAfter must be positive: " + missingAfter);
            }
            if (clientId == null || clientId.isEmpty()) {
                throw new IllegalArgumentException("clientId must not be empty");
            }
            if (sessionExpiry.isNegative()) {
                throw new IllegalArgumentException("sessionExpiry must not be negative: " + sessionExpiry);
            }
        }

        /**
         * The group {@value #DEFAULT_GROUP}, no trusted keys or credentials, MISSING after 30 s, a new client id and a
         * clean session: a persistent session under a client id that never comes back would hold the group's share of
         * messages queued until it expires, so give a stable client id with {@link #withSession} for one.
         */
        public static Settings of(String broker, String prefix, Path store) {
            return new Settings(broker, prefix, DEFAULT_GROUP, store, Set.of(), null, null, DEFAULT_MISSING_AFTER,
                    "nsegw-platform-" + UUID.randomUUID().toString().substring(0, 8), Duration.ZERO);
        }

        public Settings withGroup(String newGroup) {
            return new Settings(broker, prefix, newGroup, store, trustedKeyIds, username, password, missingAfter,
                    clientId, sessionExpiry);
        }

        public Settings withTrustedKeyIds(Set<String> keyIds) {
            return new Settings(broker, prefix, group, store, keyIds, username, password, missingAfter, clientId,
                    sessionExpiry);
        }

        public Settings withCredentials(String newUsername, String newPassword) {
            return new Settings(broker, prefix, group, store, trustedKeyIds, newUsername, newPassword, missingAfter,
                    clientId, sessionExpiry);
        }

        public Settings withMissingAfter(Duration after) {
            return new Settings(broker, prefix, group, store, trustedKeyIds, username, password, after, clientId,
                    sessionExpiry);
        }

        /** Another client id, with a clean session. */
        public Settings withClientId(String id) {
            return withSession(id, Duration.ZERO);
        }

        /** A stable client id whose session (subscription and queued messages) the broker keeps for expiry. */
        public Settings withSession(String id, Duration expiry) {
            return new Settings(broker, prefix, group, store, trustedKeyIds, username, password, missingAfter, id,
                    expiry);
        }

        @Override
        public String toString() {
            return "Settings[" + broker + ", prefix " + prefix + ", group " + group + ", store " + store + ", client "
                    + clientId + ", " + PacketVerifier.trustNote(trustedKeyIds) + "]";
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** MISSING is asked again at growing intervals, up to this many times missingAfter, while a case stays incomplete. */
    private static final int MAX_MISSING_BACKOFF = 16;

    private final Settings settings;
    private final Topics topics;
    private final CaseStore store;
    private final MqttAsyncClient client;
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
    private volatile boolean closing;

    private PlatformReceiver(Settings settings) throws IOException, MqttException {
        this.settings = settings;
        this.topics = new Topics(settings.prefix());
        this.store = new CaseStore(settings.store());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "platform-receiver " + settings.clientId());
            t.setDaemon(true);
            return t;
        });
        // close() finishes the work at hand, not the MISSING timers (the next start arms them again)
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        this.worker = executor;
        this.client = new MqttAsyncClient(settings.broker(), settings.clientId(), new MemoryPersistence());
    }

    /** Connects, subscribes and takes over the cases staged in the store (their MISSING timers start now). */
    public static PlatformReceiver start(Settings settings) throws IOException {
        PlatformReceiver receiver;
        try {
            receiver = new PlatformReceiver(settings);
        } catch (MqttException e) {
            throw new IOException("cannot create the MQTT client for " + settings.broker() + ": " + e, e);
        }
        try {
            receiver.connect();
            for (String[] staged : receiver.store.stagedCases()) {
                receiver.armMissingTimer(staged[0], staged[1], 1);
                receiver.submit(() -> receiver.tryComplete(staged[0], staged[1]));
            }
            return receiver;
        } catch (IOException | RuntimeException e) {
            receiver.close();
            throw e;
        }
    }

    private void connect() throws IOException {
        client.setCallback(new Callback());
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(10_000);
        client.setBufferOpts(buffer);
        MqttConnectionOptions options = new MqttConnectionOptions();
        // A persistent session needs clean start off AND an expiry (DOMAIN.md §8): what the broker assigned to this
        // instance while it is away then waits for it.
        options.setCleanStart(settings.sessionExpiry().isZero());
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 60);
        options.setKeepAliveInterval(60);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        try {
            client.connect(options).waitForCompletion(CONNECT_TIMEOUT.toMillis());
            subscribe();
        } catch (MqttException e) {
            throw new IOException("cannot connect to " + settings.broker() + " as " + settings.clientId() + ": " + e, e);
        }
    }

    private void subscribe() throws MqttException {
        String filter = topics.sharedCaseFilter(settings.group());
        // Paho 1.2.5 does not call a per-subscription listener for shared subscriptions (paho.mqtt.java #827):
        // messages come through the client's callback.
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
        token.waitForCompletion(CONNECT_TIMEOUT.toMillis());
        int[] codes = token.getReasonCodes();
        if (codes == null || codes.length != 1 || codes[0] >= 0x80) {
            throw new MqttException(codes == null || codes.length == 0 ? 0x80 : codes[0]);
        }
        LOG.log(Level.INFO, "{0} subscribed to {1}", settings.clientId(), filter);
    }

    public Settings settings() {
        return settings;
    }

    public Counts counts() {
        return new Counts(notices.get(), chunks.get(), repeatedChunks.get(), verified.get(), rejected.get(),
                duplicates.get(), missingRequests.get(), ignored.get());
    }

    /** Each gateway's folder in the store, checked whole: every packet, the chain and any checkpoints. */
    public static Map<String, PacketVerifier.DirectoryResult> verifyStore(Path store, Set<String> trustedKeyIds)
            throws IOException {
        Map<String, PacketVerifier.DirectoryResult> results = new TreeMap<>();
        try (var dirs = Files.newDirectoryStream(store, p -> Files.isDirectory(p)
                && CaseStore.isSafeName(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                results.put(dir.getFileName().toString(), PacketVerifier.verifyDirectory(dir, trustedKeyIds));
            }
        }
        return results;
    }

    /** Finishes the work at hand (up to 10 s), then disconnects. What is on disk is picked up by the next start. */
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
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "disconnect: {0}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "close: {0}", e.toString());
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Never throw: Paho drops the connection when the callback does.
            try {
                topics.parse(topic).ifPresentOrElse(t -> {
                    if (!CaseStore.isSafeName(t.gateway())) {
                        ignore(topic, "the gateway id is not a safe file name");
                    } else if (t.notice()) {
                        onNotice(t.gateway(), message);
                    } else {
                        onChunk(t.gateway(), message);
                    }
                }, () -> ignore(topic, "not a notice or chunk topic"));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "cannot handle a message on " + topic, e);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                try {
                    subscribe(); // the session may have expired meanwhile
                } catch (MqttException e) {
                    LOG.log(Level.WARNING, "cannot subscribe again after reconnecting: {0}", e.toString());
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closing) {
                LOG.log(Level.WARNING, "{0} disconnected: {1}", settings.clientId(), response);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.log(Level.WARNING, "MQTT error: {0}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // answers are fire and forget: a lost one costs the gateway a resend, answered VERIFIED again
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    private void ignore(String topic, String why) {
        ignored.incrementAndGet();
        LOG.log(Level.WARNING, "ignored a message on {0}: {1}", topic, why);
    }

    private void onNotice(String gateway, MqttMessage message) {
        CaseNotice.Parsed parsed = CaseNotice.parse(message.getPayload());
        if (parsed.notice() == null) {
            ignore(topics.prefix() + "/" + gateway + "/case/notice", parsed.problem());
            return;
        }
        notices.incrementAndGet();
        CaseNotice notice = parsed.notice();
        if (store.isStored(gateway, notice.caseId())) {
            submit(() -> answerDuplicate(gateway, notice));
            return;
        }
        try {
            store.putNotice(gateway, notice.caseId(), message.getPayload());
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot keep the notice of case " + notice.caseId(), e);
            return;
        }
        armMissingTimer(gateway, notice.caseId(), 1);
        submit(() -> tryComplete(gateway, notice.caseId()));
    }

    private void onChunk(String gateway, MqttMessage message) {
        chunks.incrementAndGet();
        Map<String, String> props = new TreeMap<>();
        MqttProperties properties = message.getProperties();
        if (properties != null && properties.getUserProperties() != null) {
            for (UserProperty p : properties.getUserProperties()) {
                props.put(p.getKey(), p.getValue());
            }
        }
        String topic = topics.prefix() + "/" + gateway + "/case/chunk";
        String caseId = props.getOrDefault("caseId", "");
        if (caseId.isEmpty() && properties != null && properties.getCorrelationData() != null) {
            caseId = new String(properties.getCorrelationData(), StandardCharsets.UTF_8);
        }
        if (!CaseStore.isSafeName(caseId)) {
            ignore(topic, "caseId '" + caseId + "' is missing or not a safe file name");
            return;
        }
        int index;
        int count;
        try {
            index = Integer.parseInt(props.getOrDefault("index", ""));
            count = Integer.parseInt(props.getOrDefault("chunks", ""));
        } catch (NumberFormatException e) {
            ignore(topic, "case " + caseId + ": index or chunks is missing or not a number");
            return;
        }
        if (index < 0 || index >= count) {
            ignore(topic, "case " + caseId + ": index " + index + " is not in 0.." + (count - 1));
            return;
        }
        byte[] bytes = message.getPayload();
        if (store.isStored(gateway, caseId)) {
            repeatedChunks.incrementAndGet();
            return;
        }
        String declared = props.getOrDefault("sha256", "");
        String actual = PacketCheck.sha256(bytes);
        if (!actual.equals(declared)) {
            String id = caseId;
            String reason = "chunk " + index + " of " + count + ": its bytes' SHA-256 " + actual
                    + " is not its sha256 property '" + declared + "'";
            submit(() -> rejectForChunk(gateway, id, reason));
            return;
        }
        try {
            if (!store.putChunk(gateway, caseId, index, bytes)) {
                repeatedChunks.incrementAndGet();
                return;
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot keep chunk " + index + " of case " + caseId, e);
            return;
        }
        String id = caseId;
        submit(() -> tryComplete(gateway, id));
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

    /** Assembles, checks, stores and answers a case once its notice and every chunk are in the store. */
    private void tryComplete(String gateway, String caseId) {
        if (store.isStored(gateway, caseId) || store.isMarkedRejected(gateway, caseId)) {
            return;
        }
        var staged = store.notice(gateway, caseId);
        if (staged.isEmpty()) {
            return; // the notice went to another instance, or has not come yet
        }
        CaseNotice notice = CaseNotice.parse(staged.get().json()).notice();
        if (notice == null || store.chunkIndexes(gateway, caseId).size() < notice.chunks()
                || !missingIndexes(gateway, caseId, notice).isEmpty()) {
            return;
        }
        try {
            if (!store.claim(gateway, caseId, settings.clientId())) {
                return; // another instance is on it
            }
            byte[] packet = store.assemble(gateway, caseId, notice.chunks());
            PacketCheck.Outcome outcome = PacketCheck.check(packet, notice, gateway, settings.trustedKeyIds());
            String problem = outcome.ok() ? linkIntoChain(gateway, outcome.link()) : outcome.problem();
            if (problem == null) {
                store.storeVerified(gateway, caseId, packet);
                verified.incrementAndGet();
                record(gateway, notice, outcome.link().sequence(), "VERIFIED", "", staged.get().arrived());
                answer(gateway, Acknowledgement.verified(caseId, notice.packetSha256()));
            } else {
                store.storeRejected(gateway, caseId, packet, problem);
                rejected.incrementAndGet();
                record(gateway, notice, notice.sequence(), "REJECTED", problem, staged.get().arrived());
                answer(gateway, Acknowledgement.rejected(caseId, notice.packetSha256(), problem));
            }
            cancelMissingTimer(gateway, caseId);
            store.clearPartial(gateway, caseId);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot complete case " + caseId + " of " + gateway + " (left for a retry)", e);
            try {
                store.releaseClaim(gateway, caseId);
            } catch (IOException again) {
                LOG.log(Level.ERROR, "cannot release the claim on case " + caseId, again);
            }
        }
    }

    /**
     * Takes the packet's sequence number in its gateway's chain and checks it against its stored neighbours (packets
     * arrive out of sequence order, violations first, so gaps are normal here; verifyStore names the ones left).
     * The number is taken before the neighbours are read, so of two instances storing neighbours at once at least
     * one sees the other. Null when the packet fits.
     */
    private String linkIntoChain(String gateway, CaseStore.ChainEntry link) throws IOException {
        var holder = store.claimSequence(gateway, link);
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
            store.releaseSequence(gateway, link.sequence());
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
            record(gateway, notice, notice.sequence(), "DUPLICATE", "", null);
            answer(gateway, Acknowledgement.verified(notice.caseId(), notice.packetSha256()));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot record duplicate case " + notice.caseId(), e);
        }
    }

    private void rejectForChunk(String gateway, String caseId, String reason) {
        try {
            store.markRejected(gateway, caseId, reason);
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
                        Instant.now().toString(), 0, -1, settings.clientId()));
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
                    settings.missingAfter().toMillis() * backoff, TimeUnit.MILLISECONDS);
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
            if (claimed.isPresent() && claimed.get().isBefore(Instant.now().minus(settings.missingAfter()))) {
                try {
                    store.releaseClaim(gateway, caseId);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot release a stale claim on case {0}: {1}", caseId, e.toString());
                }
            }
            tryComplete(gateway, caseId);
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
        Instant now = Instant.now();
        store.appendReceived(new ReceivedCase(notice.caseId(), gateway, sequence, notice.outcome(), notice.plate(),
                notice.packetSha256(), status, !status.equals("REJECTED"), reason, now.toString(),
                arrived == null ? 0 : Math.max(0, Duration.between(arrived, now).toMillis()),
                notice.time() == null ? -1 : Duration.between(notice.time(), now).toMillis(), settings.clientId()));
    }

    private void answer(String gateway, Acknowledgement ack) {
        MqttMessage message = new MqttMessage(ack.toJson());
        message.setQos(1);
        message.setRetained(false);
        MqttProperties properties = new MqttProperties();
        properties.setCorrelationData(ack.caseId().getBytes(StandardCharsets.UTF_8));
        properties.setContentType("application/json");
        message.setProperties(properties);
        try {
            client.publish(topics.ack(gateway), message);
        } catch (MqttException e) {
            // the gateway asks again (a resent notice): a lost answer costs one resend
            LOG.log(Level.WARNING, "cannot send {0} for case {1}: {2}", ack.status(), ack.caseId(), e.toString());
        }
    }

    /**
     * {@code --broker tcp://127.0.0.1:1883 --prefix zj/nse --store DIR} [{@code --group G}] [{@code --trust ID,ID}]
     * [{@code --username U}] [{@code --password-env VAR}] [{@code --missing-after SECONDS}] [{@code --client-id ID}
     * [{@code --session-expiry SECONDS}]] (a persistent session, default one day, needs a stable client id):
     * runs until stopped (Ctrl-C, SIGTERM), printing every outcome, then the counts and each gateway's chain.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("unexpected argument: " + args[i]);
                return;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        Set<String> known = Set.of("broker", "prefix", "store", "group", "trust", "username", "password-env",
                "missing-after", "client-id", "session-expiry");
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                usage("unknown option --" + key);
                return;
            }
        }
        if (!options.containsKey("store")) {
            usage("--store is required");
            return;
        }
        Path storeDir = Path.of(options.get("store"));
        Settings settings = Settings.of(options.getOrDefault("broker", "tcp://127.0.0.1:1883"),
                options.getOrDefault("prefix", "zj/nse"), storeDir)
                .withGroup(options.getOrDefault("group", Settings.DEFAULT_GROUP))
                .withMissingAfter(Duration.ofSeconds(Long.parseLong(options.getOrDefault("missing-after", "30"))));
        if (options.containsKey("client-id")) {
            settings = settings.withSession(options.get("client-id"),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("session-expiry", "86400"))));
        } else if (options.containsKey("session-expiry")) {
            usage("--session-expiry needs a stable --client-id");
            return;
        }
        if (options.containsKey("trust")) {
            settings = settings.withTrustedKeyIds(new LinkedHashSet<>(Arrays.asList(options.get("trust").split(","))));
        }
        if (options.containsKey("username")) {
            String password = options.containsKey("password-env") ? System.getenv(options.get("password-env")) : null;
            settings = settings.withCredentials(options.get("username"), password);
        }
        PlatformReceiver receiver = start(settings);
        System.out.println("platform receiver " + settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Settings running = settings;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            receiver.close();
            System.out.println("counts: " + receiver.counts());
            try {
                verifyStore(storeDir, running.trustedKeyIds()).forEach((gateway, result) -> System.out.println(
                        "gateway " + gateway + ": " + result.packets().size() + " packets, "
                                + (result.ok() ? "all verify, chain complete" : "problems: " + result.chainProblems())));
            } catch (IOException e) {
                System.out.println("cannot check the store: " + e);
            }
            stopped.countDown();
        }, "platform-receiver-stop"));
        long seen = 0;
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            List<ReceivedCase> lines = ReceivedCase.readAll(storeDir);
            for (ReceivedCase c : lines.subList((int) Math.min(seen, lines.size()), lines.size())) {
                System.out.println(c.status() + " " + c.gateway() + " " + c.caseId() + " #" + c.sequence() + " "
                        + c.outcome() + " " + c.plate() + (c.reason().isEmpty() ? "" : ": " + c.reason()));
            }
            seen = lines.size();
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: PlatformReceiver --store DIR [--broker tcp://127.0.0.1:1883] [--prefix zj/nse]"
                + " [--group nsegw-platform] [--trust KEYID,KEYID] [--username U --password-env VAR]"
                + " [--missing-after SECONDS] [--client-id ID [--session-expiry SECONDS]]");
        System.exit(2);
    }
}
