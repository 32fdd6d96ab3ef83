package org.nsegw.emulator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.PacketBuilder;
import org.nsegw.packet.PacketEntry;
import org.nsegw.packet.PacketSigner;
import org.nsegw.packet.PacketVerifier;

/** The receiver against a real Mosquitto, fed by a fake gateway that sends real signed packets. */
class PlatformReceiverTest {

    private static final int CHUNK = 1024;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @TempDir
    static Path brokerDir;
    private static Mosquitto broker;

    @TempDir
    Path dir;
    private String prefix;
    private Path store;
    private PacketSigner signer;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        prefix = "zj/nse/t" + PREFIXES.incrementAndGet(); // each test its own topics on the shared broker
        store = dir.resolve("store");
        signer = GatewayKeys.loadOrCreate(dir.resolve("keys"), "Ed25519");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private PlatformReceiver receiver(PlatformReceiver.Settings settings) throws Exception {
        PlatformReceiver r = PlatformReceiver.start(settings);
        toClose.add(r);
        return r;
    }

    private PlatformReceiver.Settings settings() {
        return PlatformReceiver.Settings.of(broker.url(), prefix, store).withGroup("platform")
                .withTrustedKeyIds(Set.of(signer.keyId()));
    }

    private FakeGateway gateway(String id) throws Exception {
        FakeGateway g = new FakeGateway(broker.url(), prefix, id);
        toClose.add(g);
        return g;
    }

    /** A chain of n packets of one gateway, each of several chunks. */
    private List<BuiltPacket> chain(String gatewayId, int n) {
        List<BuiltPacket> packets = new ArrayList<>();
        ChainLink link = ChainLink.first();
        for (int i = 1; i <= n; i++) {
            BuiltPacket p = packet(gatewayId, String.format("33010620261123101507%06d", i), link, i);
            packets.add(p);
            link = ChainLink.after(p);
        }
        return packets;
    }

    private BuiltPacket packet(String gatewayId, String caseId, ChainLink link, long seed) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("caseId", caseId);
        fields.put("gatewayId", gatewayId);
        fields.put("lane", "L1");
        fields.put("verdict", Map.of("kind", "VIOLATION", "explanation", "gross 55.20 t over limit 49 t"));
        Random random = new Random(seed);
        byte[] image = new byte[3000 + random.nextInt(2000)];
        random.nextBytes(image);
        return PacketBuilder.build(fields, List.of(new PacketEntry("images/front-1.jpg", image)), link, signer);
    }

    @Test
    void aCaseIsVerifiedStoredAndAcknowledged() throws Exception {
        PlatformReceiver platform = receiver(settings());
        FakeGateway gw = gateway("gw-a");
        BuiltPacket packet = chain("gw-a", 1).get(0);
        assertThat(FakeGateway.chunkCount(packet.zip(), CHUNK)).isGreaterThan(2);

        gw.send(packet, "浙A12345", CHUNK);

        FakeGateway.Ack ack = gw.awaitAck(packet.caseId());
        assertThat(ack.status()).isEqualTo("VERIFIED");
        assertThat(ack.correlation()).isEqualTo(packet.caseId());
        assertThat(ack.packetSha256()).isEqualTo(PacketCheck.sha256(packet.zip()));
        assertThat(ack.missing()).isEmpty();
        assertThat(Files.readAllBytes(store.resolve("gw-a").resolve(packet.caseId() + ".zip"))).isEqualTo(packet.zip());
        List<ReceivedCase> received = ReceivedCase.readAll(store);
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.caseId()).isEqualTo(packet.caseId());
            assertThat(r.gateway()).isEqualTo("gw-a");
            assertThat(r.sequence()).isEqualTo(1);
            assertThat(r.outcome()).isEqualTo("VIOLATION");
            assertThat(r.plate()).isEqualTo("浙A12345");
            assertThat(r.status()).isEqualTo("VERIFIED");
            assertThat(r.verified()).isTrue();
            assertThat(r.receiveMillis()).isGreaterThanOrEqualTo(0);
        });
        assertThat(platform.counts().verified()).isEqualTo(1);
        assertThat(platform.counts().notices()).isEqualTo(1);
        PacketVerifier.DirectoryResult chain = PlatformReceiver.verifyStore(store, Set.of(signer.keyId())).get("gw-a");
        assertThat(chain.ok()).as("%s", chain).isTrue();
        assertThat(store.resolve(".partial").resolve("gw-a").resolve(packet.caseId())).doesNotExist();
    }

    @Test
    void aDuplicateCaseIsAcknowledgedAgainAndCountedOnce() throws Exception {
        PlatformReceiver platform = receiver(settings());
        FakeGateway gw = gateway("gw-b");
        BuiltPacket packet = chain("gw-b", 1).get(0);
        gw.send(packet, "浙B00001", CHUNK);
        assertThat(gw.awaitAck(packet.caseId()).status()).isEqualTo("VERIFIED");

        gw.send(packet, "浙B00001", CHUNK); // the gateway lost the answer and sends the case again

        FakeGateway.Ack again = gw.awaitAck(packet.caseId());
        assertThat(again.status()).isEqualTo("VERIFIED");
        assertThat(again.correlation()).isEqualTo(packet.caseId());
        assertThat(platform.counts().verified()).isEqualTo(1);
        assertThat(platform.counts().duplicates()).isEqualTo(1);
        assertThat(ReceivedCase.readAll(store)).extracting(ReceivedCase::status).containsExactly("VERIFIED", "DUPLICATE");
    }

    @Test
    void aChunkThatDoesNotMatchItsDigestIsRejected() throws Exception {
        receiver(settings());
        FakeGateway gw = gateway("gw-c");
        BuiltPacket packet = chain("gw-c", 1).get(0);
        byte[] zip = packet.zip();
        int chunks = FakeGateway.chunkCount(zip, CHUNK);
        gw.sendNotice(gw.notice(packet, "", CHUNK));
        for (int i = 0; i < chunks; i++) {
            byte[] bytes = FakeGateway.chunk(zip, CHUNK, i);
            String sha = PacketCheck.sha256(bytes);
            if (i == 1) {
                bytes[10] ^= 1; // altered on the way, digest as sent
            }
            gw.sendChunk(packet.caseId(), i, chunks, bytes, sha);
        }

        FakeGateway.Ack ack = gw.awaitAck(packet.caseId());
        assertThat(ack.status()).isEqualTo("REJECTED");
        assertThat(ack.reason()).contains("chunk 1 of " + chunks).contains("is not its sha256 property");
        assertThat(store.resolve("gw-c").resolve(packet.caseId() + ".zip")).doesNotExist();
    }

    @Test
    void aPacketWhoseDigestIsNotTheNoticesIsRejected() throws Exception {
        receiver(settings());
        FakeGateway gw = gateway("gw-d");
        BuiltPacket packet = chain("gw-d", 1).get(0);
        byte[] altered = packet.zip().clone();
        altered[altered.length / 2] ^= 1; // chunk digests made for the altered bytes: only the packet's digest tells
        gw.sendNotice(gw.notice(packet, "", CHUNK));
        gw.sendChunks(packet.caseId(), altered, CHUNK, -1);

        FakeGateway.Ack ack = gw.awaitAck(packet.caseId());
        assertThat(ack.status()).isEqualTo("REJECTED");
        assertThat(ack.reason()).contains("is not the notice's packetSha256");
        assertThat(ReceivedCase.readAll(store)).singleElement()
                .satisfies(r -> assertThat(r.verified()).isFalse());
    }

    @Test
    void aPacketThatDoesNotVerifyIsRejectedWithTheVerifiersProblems() throws Exception {
        PlatformReceiver platform = receiver(settings());
        FakeGateway gw = gateway("gw-e");
        BuiltPacket packet = chain("gw-e", 1).get(0);
        byte[] altered = packet.zip().clone();
        altered[altered.length - 1000] ^= 1; // inside the image (the last entry, 3 KB or more): the manifest's digest no longer holds
        BuiltPacket forged = new BuiltPacket(packet.caseId(), packet.sequence(), altered, packet.manifest(),
                packet.manifestSha256());
        gw.send(forged, "", CHUNK); // consistent notice and chunks: the verifier must find it

        FakeGateway.Ack ack = gw.awaitAck(packet.caseId());
        assertThat(ack.status()).isEqualTo("REJECTED");
        assertThat(ack.reason()).contains("does not verify").contains("images/front-1.jpg");
        assertThat(platform.counts().rejected()).isEqualTo(1);
        assertThat(store.resolve(".rejected").resolve("gw-e").resolve(packet.caseId() + ".zip")).exists();
    }

    @Test
    void aPacketThatBreaksTheChainIsRejected() throws Exception {
        receiver(settings());
        FakeGateway gw = gateway("gw-f");
        BuiltPacket first = chain("gw-f", 1).get(0);
        BuiltPacket other = packet("gw-f", "330106202611231015070099", ChainLink.first(), 99);
        BuiltPacket second = packet("gw-f", "330106202611231015070002", ChainLink.after(other), 2);
        gw.send(first, "", CHUNK);
        assertThat(gw.awaitAck(first.caseId()).status()).isEqualTo("VERIFIED");

        gw.send(second, "", CHUNK);

        FakeGateway.Ack ack = gw.awaitAck(second.caseId());
        assertThat(ack.status()).isEqualTo("REJECTED");
        assertThat(ack.reason()).contains("does not link to case " + first.caseId());
    }

    @Test
    void aMissingChunkIsAskedForAndTheCaseCompletesAfterTheResend() throws Exception {
        PlatformReceiver platform = receiver(settings().withMissingAfter(Duration.ofMillis(300)));
        FakeGateway gw = gateway("gw-g");
        BuiltPacket packet = chain("gw-g", 1).get(0);
        gw.sendNotice(gw.notice(packet, "", CHUNK));
        gw.sendChunks(packet.caseId(), packet.zip(), CHUNK, 1);

        FakeGateway.Ack missing = gw.awaitAck(packet.caseId());
        assertThat(missing.status()).isEqualTo("MISSING");
        assertThat(missing.missing()).containsExactly(1);
        assertThat(missing.correlation()).isEqualTo(packet.caseId());

        assertThat(resendAndAwaitAnswer(gw, packet, 1).status()).isEqualTo("VERIFIED");
        assertThat(platform.counts().missingRequests()).isGreaterThanOrEqualTo(1);
    }

    /** Sends one chunk again, as the gateway does on MISSING, and returns the first answer that is not MISSING. */
    private static FakeGateway.Ack resendAndAwaitAnswer(FakeGateway gw, BuiltPacket packet, int index) throws Exception {
        byte[] chunk = FakeGateway.chunk(packet.zip(), CHUNK, index);
        gw.sendChunk(packet.caseId(), index, FakeGateway.chunkCount(packet.zip(), CHUNK), chunk,
                PacketCheck.sha256(chunk));
        FakeGateway.Ack ack = gw.awaitAck(packet.caseId());
        while (ack.status().equals("MISSING")) { // one more may have crossed the resend
            ack = gw.awaitAck(packet.caseId());
        }
        return ack;
    }

    @Test
    void aRestartedReceiverAsksForWhatItLacks() throws Exception {
        PlatformReceiver before = receiver(settings());
        FakeGateway gw = gateway("gw-r");
        BuiltPacket packet = chain("gw-r", 1).get(0);
        int chunks = FakeGateway.chunkCount(packet.zip(), CHUNK);
        gw.sendNotice(gw.notice(packet, "", CHUNK));
        gw.sendChunks(packet.caseId(), packet.zip(), CHUNK, chunks - 1);
        // the broker's PUBACKs to the gateway say nothing of the receiver: wait until it has them all
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (before.counts().chunks() < chunks - 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        before.close(); // the notice and chunks it got are on disk (kept before the callback returned)
        assertThat(before.counts().chunks()).isEqualTo(chunks - 1);

        PlatformReceiver after = receiver(settings().withMissingAfter(Duration.ofMillis(200)));

        FakeGateway.Ack missing = gw.awaitAck(packet.caseId());
        assertThat(missing.status()).isEqualTo("MISSING");
        assertThat(missing.missing()).containsExactly(chunks - 1);
        assertThat(resendAndAwaitAnswer(gw, packet, chunks - 1).status()).isEqualTo("VERIFIED");
        assertThat(after.counts().verified()).isEqualTo(1);
    }

    @Test
    void twoInstancesOfOneGroupSplitTheChunksAndCompleteEveryCaseOnce() throws Exception {
        PlatformReceiver one = receiver(settings());
        PlatformReceiver two = receiver(settings().withClientId("platform-two"));
        FakeGateway gw = gateway("gw-h");
        List<BuiltPacket> packets = chain("gw-h", 12);
        for (int i = packets.size() - 1; i >= 0; i--) { // out of sequence order, as the outbox sends by priority
            gw.send(packets.get(i), "浙H" + i, CHUNK);
        }

        for (BuiltPacket p : packets) {
            FakeGateway.Ack ack = gw.awaitAck(p.caseId());
            assertThat(ack.status()).as(p.caseId()).isEqualTo("VERIFIED");
        }

        assertThat(one.counts().chunks()).isPositive();
        assertThat(two.counts().chunks()).isPositive();
        int sent = packets.stream().mapToInt(p -> FakeGateway.chunkCount(p.zip(), CHUNK)).sum();
        assertThat(one.counts().chunks() + two.counts().chunks()).as("each chunk to one instance").isEqualTo(sent);
        assertThat(one.counts().notices() + two.counts().notices()).isEqualTo(packets.size());
        assertThat(one.counts().verified() + two.counts().verified()).isEqualTo(packets.size());
        Map<String, Long> verifiedLines = ReceivedCase.readAll(store).stream()
                .filter(r -> r.status().equals("VERIFIED"))
                .collect(Collectors.groupingBy(ReceivedCase::caseId, Collectors.counting()));
        assertThat(verifiedLines).hasSize(packets.size()).allSatisfy((caseId, n) -> assertThat(n).isEqualTo(1));
        PacketVerifier.DirectoryResult chain = PlatformReceiver.verifyStore(store, Set.of(signer.keyId())).get("gw-h");
        assertThat(chain.ok()).as("%s", chain.chainProblems()).isTrue();
        assertThat(chain.packets()).hasSize(packets.size());
        assertThat(gw.drained()).as("no second answer for any case").isEmpty();
    }
}
