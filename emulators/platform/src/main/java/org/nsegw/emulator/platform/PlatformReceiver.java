package org.nsegw.emulator.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * The parts: {@link Mqtt5Link} or {@link Mqtt3Link} (the connection) feeds a {@link CaseReception} (what to do with
 * notices and chunks), which keeps them in a {@link CaseStore} (the shared folder) and checks packets with
 * {@link PacketCheck}. Messages are on disk before the MQTT callback returns, so before the broker has the
 * receiver's PUBACK; assembly, verification and storing run on one worker thread per instance, in batches of the cases
 * that are whole (one {@link CaseStore.Commit} each: their files forced together), and the answers go out through an
 * {@link AckSender}, which publishes without blocking the worker and publishes again any answer not PUBACKed.
 */
public final class PlatformReceiver implements AutoCloseable {

    /**
     * @param broker         the broker URL, {@code tcp://host:1883} or {@code ssl://host:8883}
     * @param prefix         the topic prefix {@code P} (the gateways' {@code uplink.topicPrefix})
     * @param group          the shared subscription's group: instances of one group split the messages; "": an
     *                       unshared subscription, for brokers without shared subscriptions (one instance only)
     * @param store          the folder, shared by the instances of the group
     * @param trustedKeyIds  the gateways' registered key ids; empty: trust the key each packet includes
     * @param username       null for none
     * @param password       null for none
     * @param missingAfter   how long after a case's notice its chunks may be incomplete before it is answered MISSING
     * @param clientId       this instance's MQTT client id (unique per instance; the session is kept under it)
     * @param sessionExpiry  how long the broker keeps this instance's session, and the messages queued for it, while
     *                       it is away; zero: a clean session that ends with the connection
     * @param mqttVersion    5, or 3 for MQTT 3.1.1 (docs/mqtt-topics.md, "MQTT 3.1.1")
     */
    public record Settings(String broker, String prefix, String group, Path store, Set<String> trustedKeyIds,
            String username, String password, Duration missingAfter, String clientId, Duration sessionExpiry,
            int mqttVersion) {

        public static final String DEFAULT_GROUP = "nsegw-platform";
        public static final Duration DEFAULT_MISSING_AFTER = Duration.ofSeconds(30);

        public Settings {
            Objects.requireNonNull(broker, "broker");
            Objects.requireNonNull(store, "store");
            new Topics(prefix).caseFilter(Objects.requireNonNull(group, "group"));
            trustedKeyIds = Set.copyOf(trustedKeyIds);
            if (missingAfter.isNegative() || missingAfter.isZero()) {
                throw new IllegalArgumentException("missingAfter must be positive: " + missingAfter);
            }
            if (clientId == null || clientId.isEmpty()) {
                throw new IllegalArgumentException("clientId must not be empty");
            }
            if (mqttVersion != 5 && mqttVersion != 3) {
                throw new IllegalArgumentException("mqttVersion must be 5 or 3 (3.1.1): " + mqttVersion);
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
                    "nsegw-platform-" + UUID.randomUUID().toString().substring(0, 8), Duration.ZERO, 5);
        }

        public Settings withGroup(String newGroup) {
            return new Settings(broker, prefix, newGroup, store, trustedKeyIds, username, password, missingAfter,
                    clientId, sessionExpiry, mqttVersion);
        }

        public Settings withTrustedKeyIds(Set<String> keyIds) {
            return new Settings(broker, prefix, group, store, keyIds, username, password, missingAfter, clientId,
                    sessionExpiry, mqttVersion);
        }

        public Settings withCredentials(String newUsername, String newPassword) {
            return new Settings(broker, prefix, group, store, trustedKeyIds, newUsername, newPassword, missingAfter,
                    clientId, sessionExpiry, mqttVersion);
        }

        public Settings withMissingAfter(Duration after) {
            return new Settings(broker, prefix, group, store, trustedKeyIds, username, password, after, clientId,
                    sessionExpiry, mqttVersion);
        }

        /** Another client id, with a clean session. */
        public Settings withClientId(String id) {
            return withSession(id, Duration.ZERO);
        }

        /** A stable client id whose session (subscription and queued messages) the broker keeps for expiry. */
        public Settings withSession(String id, Duration expiry) {
            return new Settings(broker, prefix, group, store, trustedKeyIds, username, password, missingAfter, id,
                    expiry, mqttVersion);
        }

        /** 5, or 3 for MQTT 3.1.1. */
        public Settings withMqttVersion(int version) {
            return new Settings(broker, prefix, group, store, trustedKeyIds, username, password, missingAfter, clientId,
                    sessionExpiry, version);
        }

        @Override
        public String toString() {
            return "Settings[" + broker + (mqttVersion == 3 ? " (MQTT 3.1.1)" : "") + ", prefix " + prefix
                    + (group.isEmpty() ? ", not shared" : ", group " + group) + ", store " + store + ", client "
                    + clientId + ", " + PacketVerifier.trustNote(trustedKeyIds) + "]";
        }
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** The MQTT connection: the shared subscription feeding a {@link CaseReception}, and the answers. */
    interface Link extends AckSender.Publisher, AutoCloseable {
        void connect() throws IOException;

        @Override
        void close();
    }

    /** How long an answer may go without its PUBACK before it is published again. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private final Settings settings;
    private final CaseStore store;
    private final AckSender answers;
    private final CaseReception reception;
    private volatile Link link;

    private PlatformReceiver(Settings settings) throws IOException {
        this.settings = settings;
        this.store = new CaseStore(settings.store());
        this.answers = new AckSender((gateway, ack, done) -> {
            Link l = link;
            if (l == null) {
                throw new IOException("not connected yet");
            }
            l.send(gateway, ack, done);
        }, ANSWER_TIMEOUT, settings.clientId());
        this.reception = new CaseReception(store, settings.clientId(), settings.trustedKeyIds(), settings.missingAfter(),
                answers::send);
    }

    /** Connects, subscribes and takes over the cases staged in the store (their MISSING timers start now). */
    public static PlatformReceiver start(Settings settings) throws IOException {
        PlatformReceiver receiver = new PlatformReceiver(settings);
        Topics topics = new Topics(settings.prefix());
        try {
            receiver.link = settings.mqttVersion() == 3 ? new Mqtt3Link(settings, topics, receiver.reception)
                    : new Mqtt5Link(settings, topics, receiver.reception);
            receiver.link.connect();
            receiver.reception.adoptStaged();
            return receiver;
        } catch (IOException | RuntimeException e) {
            receiver.close();
            throw e;
        }
    }

    public Settings settings() {
        return settings;
    }

    /** What this instance handled since it started. */
    public Counts counts() {
        return reception.counts(answers.retried());
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
        reception.close();
        answers.close();
        if (link != null) {
            link.close();
        }
        store.close();
    }

    /**
     * {@code --broker tcp://127.0.0.1:1883 --prefix zj/nse --store DIR} [{@code --group G} | {@code --share no}]
     * [{@code --trust ID,ID}]
     * [{@code --username U}] [{@code --password-env VAR}] [{@code --missing-after SECONDS}] [{@code --client-id ID}
     * [{@code --session-expiry SECONDS}]] (a persistent session, default one day, needs a stable client id)
     * [{@code --mqtt 5|3.1.1}]:
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
                "missing-after", "client-id", "session-expiry", "mqtt", "share");
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
                .withGroup("no".equals(options.get("share")) ? "" : options.getOrDefault("group", Settings.DEFAULT_GROUP))
                .withMissingAfter(Duration.ofSeconds(Long.parseLong(options.getOrDefault("missing-after", "30"))));
        if (options.containsKey("mqtt")) {
            settings = settings.withMqttVersion(options.get("mqtt").startsWith("3") ? 3 : 5);
        }
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
                + " [--group nsegw-platform | --share no] [--trust KEYID,KEYID] [--username U --password-env VAR]"
                + " [--missing-after SECONDS] [--client-id ID [--session-expiry SECONDS]] [--mqtt 5|3.1.1]");
        System.exit(2);
    }
}
