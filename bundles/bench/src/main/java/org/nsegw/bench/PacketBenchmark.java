package org.nsegw.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.OutboxSettings;
import org.nsegw.outbox.Priority;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.PacketBuilder;
import org.nsegw.packet.PacketEntry;
import org.nsegw.packet.PacketSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evidence packets on one thread: a case with three ~150 KB JPEG-sized entries and its raw record, built and signed
 * ({@code build}: canonical manifest, SHA-256 of every entry, signature, ZIP), the signature alone over a typical
 * manifest ({@code sign}), and built, signed and stored durably in the outbox ({@code buildAndStore}: packet file
 * written, forced, renamed, folder forced, then the SQLite row committed with synchronous=FULL) in the system's
 * temporary folder — run it with {@code -Djava.io.tmpdir=} on the disk the gateway will use.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PacketBenchmark {

    @Param({"Ed25519", "SM2"})
    public String algorithm;

    PacketSigner signer;
    List<PacketEntry> entries;
    Map<String, Object> fields;
    byte[] manifest;
    Path dir;
    Outbox outbox;
    long sequence;
    String previous;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Random random = new Random(20261123);
        entries = List.of(entry("images/front.jpg", 150_000, random), entry("images/rear.jpg", 148_000, random),
                entry("images/scene.jpg", 152_000, random), entry("raw/wim-L1.bin", 92, random));
        fields = Map.of("caseId", "3301000012202611230215070001", "gatewayId", "hz-bridge-demo-gw1", "lane", "L1",
                "verdict", Map.of("outcome", "VIOLATION", "findings", List.of(Map.of("code", "OVERWEIGHT_STATUTORY",
                        "explanation", "6轴汽车列车，车货总质量55,000 kg，第三条限值49,000 kg，容差5%，超限6,000 kg，超限率12.2%"))));
        dir = Files.createTempDirectory("nsegw-bench-packets");
        signer = GatewayKeys.loadOrCreate(dir.resolve("keys"), algorithm);
        manifest = PacketBuilder.build(fields, entries, ChainLink.first(), signer).manifest();
    }

    @Setup(Level.Iteration)
    public void openOutbox() throws IOException {
        Path box = dir.resolve("outbox-" + System.nanoTime());
        outbox = Outbox.open(box, new OutboxSettings(Long.MAX_VALUE / 4, java.time.Duration.ofDays(30), 80), Clock.systemUTC());
        sequence = outbox.head().sequence();
        previous = outbox.head().manifestSha256();
    }

    @TearDown(Level.Iteration)
    public void closeOutbox() throws Exception {
        outbox.close();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static PacketEntry entry(String name, int size, Random random) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return new PacketEntry(name, bytes);
    }

    /** The signature over one manifest. */
    @Benchmark
    public byte[] sign() {
        return signer.sign(manifest);
    }

    /** One packet built and signed, in memory. */
    @Benchmark
    public BuiltPacket build() {
        return PacketBuilder.build(fields, entries, ChainLink.first(), signer);
    }

    /** One packet built, signed and durable in the outbox, chained to the one before. */
    @Benchmark
    public long buildAndStore() throws IOException {
        long next = sequence + 1;
        String caseId = "case" + next;
        Map<String, Object> f = new java.util.HashMap<>(fields);
        f.put("caseId", caseId);
        BuiltPacket p = PacketBuilder.build(f, entries, new ChainLink(next, previous), signer);
        outbox.put(caseId, next, p.manifestSha256(), Priority.VIOLATION, p.zip());
        sequence = next;
        previous = p.manifestSha256();
        return next;
    }
}
