package org.nsegw.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.nsegw.emulator.platform.Counts;
import org.nsegw.emulator.platform.PlatformReceiver;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.OutboxSettings;
import org.nsegw.outbox.Priority;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.PacketBuilder;
import org.nsegw.packet.PacketEntry;
import org.nsegw.packet.PacketSigner;
import org.nsegw.uplink.internal.StandaloneUplink;

/**
 * The uplink against a real Mosquitto on a free loopback port and the real platform receiver: a real SQLite outbox
 * filled with real signed packets before the uplink connects, then the gateway's courier sends them (notice, chunks)
 * and the platform reassembles, verifies, stores and answers {@code VERIFIED}; a case counts as delivered when the
 * courier has taken its acknowledgement (and the outbox has it acknowledged at the end). Timed from the courier's
 * start to the last acknowledgement, sampled every 10 ms.
 */
final class UplinkBench {

    static final String PREFIX = "bench/nse";

    /**
     * @param backlog     small cases filled before the uplink connects (notices/s and the drain)
     * @param smallBytes  the image bytes of a small case
     * @param packets     large cases for the throughput
     * @param imageKb     each of the three images of a large case, in KB
     * @param maxChunkKb  the uplink's chunk limit
     */
    record Settings(int backlog, int smallBytes, int packets, int imageKb, int bigPackets, int bigImageKb, int maxChunkKb,
            int brokerMaxInflight, int receivers) {
    }

    /** One drain: what was filled and how it went. */
    record Drain(String name, int cases, long bytes, double fillSeconds, double seconds, double sentSeconds, double steadyPerSecond,
            double steadyNoticesPerSecond, double noticesSeconds, Counts platform, Map<String, Long> courier, long unacknowledged) {

        double casesPerSecond() {
            return cases / seconds;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    private final Settings settings;
    private final PrintWriter out;

    UplinkBench(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    int run() throws Exception {
        Path mosquitto = findMosquitto();
        if (mosquitto == null) {
            out.println("nsegw: mosquitto is not installed (apt-get install mosquitto); the benchmark needs a real broker");
            return Nsegw.EXIT_FAILURE;
        }
        Path work = Files.createTempDirectory("nsegw-bench-uplink-");
        Broker broker = new Broker(mosquitto, work, settings.brokerMaxInflight());
        try {
            broker.start();
            out.println("Uplink to the platform over MQTT 5: " + mosquittoVersion(mosquitto) + " on " + broker.url()
                    + " (its defaults but persistence off, max_queued_messages 100000"
                    + (settings.brokerMaxInflight() > 0 ? ", max_inflight_messages " + settings.brokerMaxInflight() : "")
                    + "), " + (settings.receivers() == 1 ? "the platform receiver" : settings.receivers()
                            + " platform receivers (one shared subscription, one store)") + " in this process, on " + BenchCommand.machine());
            out.flush();
            List<Drain> drains = new ArrayList<>();
            List<PlatformReceiver> platform = new ArrayList<>();
            try {
                for (int i = 0; i < settings.receivers(); i++) {
                    platform.add(PlatformReceiver.start(PlatformReceiver.Settings.of(broker.url(), PREFIX, work.resolve("platform"))));
                }
                PacketSigner signer = GatewayKeys.generate("Ed25519");
                drains.add(drain(work, broker, platform, signer, "backlog", settings.backlog(), new int[] {settings.smallBytes()}));
                int image = settings.imageKb() * 1000;
                drains.add(drain(work, broker, platform, signer, "packets", settings.packets(), new int[] {image, image - 2000, image + 2000}));
                if (settings.bigPackets() > 0) {
                    int big = settings.bigImageKb() * 1000;
                    drains.add(drain(work, broker, platform, signer, "large", settings.bigPackets(), new int[] {big, big - 2000, big + 2000}));
                }
            } finally {
                platform.forEach(PlatformReceiver::close);
            }
            return report(drains);
        } finally {
            broker.stop();
            DemoCommand.deleteTree(work);
        }
    }

    /** The receivers' counts added up. */
    static Counts counts(List<PlatformReceiver> receivers) {
        long[] n = new long[10];
        for (PlatformReceiver r : receivers) {
            Counts c = r.counts();
            long[] v = {c.notices(), c.chunks(), c.repeatedChunks(), c.verified(), c.rejected(), c.duplicates(), c.missingRequests(),
                c.ignored(), c.commits(), c.answersAgain()};
            for (int i = 0; i < n.length; i++) {
                n[i] += v[i];
            }
        }
        return new Counts(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9]);
    }

    private Drain drain(Path work, Broker broker, List<PlatformReceiver> platform, PacketSigner signer, String name, int cases, int[] images)
            throws Exception {
        String gateway = "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
        out.printf(Locale.ROOT, "%s: filling a new outbox with %,d signed packets (%s) ...%n", name, cases, describe(images));
        out.flush();
        Path dir = work.resolve(name);
        long bytes = 0;
        long fillStart = System.nanoTime();
        try (Outbox outbox = Outbox.open(dir, new OutboxSettings(Long.MAX_VALUE / 4, Duration.ofDays(30), 80), Clock.systemUTC())) {
            Random random = new Random(20261123);
            ChainLink link = ChainLink.first();
            for (int i = 1; i <= cases; i++) {
                String caseId = String.format(Locale.ROOT, "3301000012%08d%06d", i / 1000, i % 1_000_000);
                List<PacketEntry> entries = new ArrayList<>();
                for (int k = 0; k < images.length; k++) {
                    byte[] b = new byte[images[k]];
                    random.nextBytes(b);
                    entries.add(new PacketEntry("images/" + (k + 1) + "-cam-scene.jpg", b));
                }
                BuiltPacket p = PacketBuilder.build(fields(caseId, gateway, i), entries, link, signer);
                outbox.put(caseId, p.sequence(), p.manifestSha256(), Priority.VIOLATION, p.zip());
                bytes += p.zip().length;
                link = ChainLink.after(p);
            }
            double fill = (System.nanoTime() - fillStart) / 1e9;
            out.printf(Locale.ROOT, "%s: %,d packets, %,.1f MB, filled in %.1f s; the uplink starts%n", name, cases, bytes / 1e6, fill);
            out.flush();
            long verifiedBefore = counts(platform).verified();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.MINUTES.toNanos(15);
            List<long[]> samples = new ArrayList<>(); // nanos since start, verified, notices PUBACKed
            Map<String, Long> counters;
            double sentSeconds;
            double noticesSeconds;
            try (StandaloneUplink uplink = StandaloneUplink.start(outbox, broker.url(), PREFIX, gateway, settings.maxChunkKb())) {
                long verified = 0;
                long sentAt = -1;
                long noticesAt = -1;
                while (verified < cases) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException(name + ": only " + verified + " of " + cases + " cases acknowledged after 15 minutes; "
                                + uplink.counters());
                    }
                    TimeUnit.MILLISECONDS.sleep(10); // sampling period, not synchronisation
                    Map<String, Long> c = uplink.counters();
                    verified = c.get("verified");
                    samples.add(new long[] {System.nanoTime() - start, verified, c.get("noticesPubacked")});
                    if (sentAt < 0 && c.get("casesSent") >= cases) {
                        sentAt = System.nanoTime() - start;
                    }
                    if (noticesAt < 0 && c.get("noticesPubacked") >= cases) {
                        noticesAt = System.nanoTime() - start;
                    }
                }
                counters = uplink.counters();
                sentSeconds = (sentAt < 0 ? System.nanoTime() - start : sentAt) / 1e9;
                noticesSeconds = (noticesAt < 0 ? System.nanoTime() - start : noticesAt) / 1e9;
            }
            double seconds = samples.get(samples.size() - 1)[0] / 1e9;
            long unacknowledged = outbox.usage().unacknowledgedCases();
            Counts counts = counts(platform);
            double steady = steady(samples, cases, 1);
            double steadyNotices = steady(samples, cases, 2);
            out.printf(Locale.ROOT, "%s: %,d cases acknowledged in %.2f s (the platform verified %,d)%n", name, cases, seconds,
                    counts.verified() - verifiedBefore);
            out.flush();
            return new Drain(name, cases, bytes, fill, seconds, sentSeconds, steady, steadyNotices, noticesSeconds, counts, counters,
                    unacknowledged);
        }
    }

    /**
     * Per second between 10 % and 90 % of the cases (without the connect and the tail), of the count in column
     * {@code column} of the samples (1: VERIFIED taken, 2: notices PUBACKed).
     */
    static double steady(List<long[]> samples, int cases, int column) {
        long t10 = -1;
        long t90 = -1;
        long n10 = 0;
        long n90 = 0;
        for (long[] s : samples) {
            if (t10 < 0 && s[column] >= cases / 10) {
                t10 = s[0];
                n10 = s[column];
            }
            if (t90 < 0 && s[column] >= cases * 9L / 10) {
                t90 = s[0];
                n90 = s[column];
            }
        }
        return t90 > t10 ? (n90 - n10) / ((t90 - t10) / 1e9) : Double.NaN;
    }

    private static Map<String, Object> fields(String caseId, String gateway, int i) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("caseId", caseId);
        f.put("uuid", UUID.nameUUIDFromBytes(caseId.getBytes()).toString());
        f.put("gatewayId", gateway);
        f.put("lane", "L" + (1 + i % 4));
        f.put("passage", Map.of("id", "P-" + caseId, "time", java.time.Instant.now().toString()));
        f.put("verdict", Map.of("outcome", "VIOLATION", "enforcementCode", "16009"));
        f.put("vehicle", Map.of("plate", "浙A" + String.format(Locale.ROOT, "%05d", i % 100_000), "trailerPlate", ""));
        return f;
    }

    private static String describe(int[] images) {
        List<String> parts = new ArrayList<>();
        for (int b : images) {
            parts.add(b >= 10_000 ? String.format(Locale.ROOT, "%,d KB", b / 1000) : b + " bytes");
        }
        return images.length + (images.length == 1 ? " image of " : " images of ") + String.join(", ", parts) + " each packet";
    }

    private int report(List<Drain> drains) {
        Drain backlog = drains.get(0);
        out.println();
        out.println("| figure | measured |");
        out.println("|---|---|");
        out.printf(Locale.ROOT, "| (a) case notices PUBACKed by the broker per second, steady (10 %% to 90 %% of the backlog) | %,.0f |%n",
                backlog.steadyNoticesPerSecond());
        out.printf(Locale.ROOT, "| (b) cases VERIFIED by the platform per second, steady (10 %% to 90 %% of the backlog) | %,.0f |%n",
                backlog.steadyPerSecond());
        out.printf(Locale.ROOT, "| backlog of %,d cases drained (uplink start to last VERIFIED) | %.2f s |%n", backlog.cases(), backlog.seconds());
        out.printf(Locale.ROOT, "| cases per second over the whole drain | %,.0f |%n", backlog.casesPerSecond());
        out.printf(Locale.ROOT, "| the same backlog: every notice PUBACKed by the broker | %.2f s: %,.0f notices/s |%n",
                backlog.noticesSeconds(), backlog.cases() / backlog.noticesSeconds());
        out.printf(Locale.ROOT, "| the same backlog: notice and packet of every case PUBACKed by the broker | %.2f s: %,.0f cases/s |%n",
                backlog.sentSeconds(), backlog.cases() / backlog.sentSeconds());
        for (Drain packets : drains.subList(1, drains.size())) {
            out.printf(Locale.ROOT, "| packet throughput, %,d packets of %,.0f KB (start to last VERIFIED) | %.1f MB/s |%n", packets.cases(),
                    packets.bytes() / 1e3 / packets.cases(), packets.megabytesPerSecond());
            out.printf(Locale.ROOT, "| packets of %,.0f KB per second | %.1f |%n", packets.bytes() / 1e3 / packets.cases(), packets.casesPerSecond());
            out.printf(Locale.ROOT, "| the same packets: every chunk PUBACKed by the broker | %.2f s: %.1f MB/s |%n", packets.sentSeconds(),
                    packets.bytes() / 1e6 / packets.sentSeconds());
        }
        boolean ok = true;
        for (Drain d : drains) {
            out.printf(Locale.ROOT, "| %s: courier | %s |%n", d.name(), d.courier());
            out.printf(Locale.ROOT, "| %s: platform | %s |%n", d.name(), d.platform());
            out.printf(Locale.ROOT, "| %s: unacknowledged cases left in the outbox | %d |%n", d.name(), d.unacknowledged());
            ok &= d.unacknowledged() == 0;
        }
        out.println(ok ? "Every case was verified by the platform and acknowledged in the outbox."
                : "Cases are left unacknowledged in the outbox.");
        out.flush();
        return ok ? Nsegw.EXIT_OK : Nsegw.EXIT_FAILURE;
    }

    static Path findMosquitto() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mosquitto"))) {
                return Path.of(dir, "mosquitto");
            }
        }
        return null;
    }

    private static String mosquittoVersion(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "-h").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            p.waitFor(5, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("mosquitto version (\\S+)").matcher(text);
            return m.find() ? "Mosquitto " + m.group(1) : "Mosquitto";
        } catch (IOException | InterruptedException e) {
            return "Mosquitto";
        }
    }

    /**
     * A Mosquitto of its own on a free loopback port, with its defaults but persistence off and a queue of up to 100,000
     * messages per client: with the default of 1,000 Mosquitto drops (silently, "Outgoing messages are being dropped")
     * what a receiver falling behind a backlog has not taken yet, and the gateway sends those cases again only after
     * its ack timeout (600 s). A platform's broker must be set up so too (docs/platform-integration.md).
     */
    static final class Broker {
        private final Path binary;
        private final Path dir;
        private final int maxInflight;
        private int port;
        private Process process;

        Broker(Path binary, Path dir) {
            this(binary, dir, 0);
        }

        /** @param maxInflight Mosquitto's max_inflight_messages (its Receive Maximum); 0: its default (20) */
        Broker(Path binary, Path dir, int maxInflight) {
            this.binary = binary;
            this.dir = dir;
            this.maxInflight = maxInflight;
        }

        String url() {
            return "tcp://127.0.0.1:" + port;
        }

        void start() throws IOException, InterruptedException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path conf = dir.resolve("mosquitto.conf");
            Path log = dir.resolve("mosquitto.log");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nuser " + System.getProperty("user.name")
                    + "\npersistence false\nmax_queued_messages 100000\n"
                    + (maxInflight > 0 ? "max_inflight_messages " + maxInflight + "\n" : "") + "log_dest stderr\n");
            process = new ProcessBuilder(binary.toString(), "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IOException("mosquitto did not start on port " + port + ": " + Files.readString(log));
                    }
                    process.waitFor(20, TimeUnit.MILLISECONDS);
                }
            }
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }
}
