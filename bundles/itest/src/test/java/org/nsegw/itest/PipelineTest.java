package org.nsegw.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadListener;
import org.nsegw.api.device.Verification;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.rules.VerdictListener;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.api.runtime.Readiness;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.api.weigh.WeighRecordListener;
import org.nsegw.packet.PacketVerifier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The decision pipeline wired by Declarative Services in a real framework: a weigh record and the two plate reads of a
 * truck, handed to the services the weigh and ANPR components call, come out as one passage, judged by the bridge
 * example's rules, handed to every verdict listener, written to the journal, and signed as an evidence packet that
 * verifies in the outbox.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PipelineTest {

    static final long TIMEOUT_MS = 20_000;
    static final String FUSION = "(component.name=org.nsegw.fusion.internal.Fusion)";

    @InjectBundleContext
    BundleContext context;

    @Test
    void anOverweightTruckBecomesAPassageAViolationAndASignedPacket(
            @InjectService(filter = "(nsegw.ready=true)", timeout = TIMEOUT_MS) Readiness readiness,
            @InjectService(filter = FUSION, timeout = TIMEOUT_MS) WeighRecordListener weigh,
            @InjectService(filter = FUSION, timeout = TIMEOUT_MS) PlateReadListener plates) throws Exception {
        List<Verdict> verdicts = new CopyOnWriteArrayList<>();
        ServiceRegistration<VerdictListener> reg = context.registerService(VerdictListener.class, verdicts::add, null);
        try {
            // A 3-axle truck, 35 t (limit 25 t, +5 %), crossing L3 at 45 km/h (12.5 m/s) just now: the front camera 25 m
            // before the sensor read it 2 s before its first axle crossed, the rear camera 18 m after it read the same
            // plate 1.44 s after its last axle did. Fusion decides once no slower vehicle could still be read (seconds).
            Instant firstAxle = Instant.now().minusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
            Instant lastAxle = firstAxle.plusMillis(Math.round((4000 + 1350) / 12.5));
            String plate = "浙A7T3Q9";
            plates.plateRead(read("anpr-L3-front", CameraPosition.FRONT, plate, firstAxle.minusMillis(2000)));
            weigh.weighed(new WeighRecord("wim-L3", "L3", lastAxle, 45.0,
                    List.of(new Axle(8_000, 0), new Axle(13_500, 4_000), new Axle(13_500, 1_350)),
                    List.of(new AxleGroup(0, 1), new AxleGroup(1, 2)), 35_000, "5",
                    new Verification("ZJJL-WIM-2026-0103", LocalDate.parse("2027-06-30")), Set.of(), new byte[] {1, 2, 3}));
            plates.plateRead(read("anpr-L3-rear", CameraPosition.REAR, plate, lastAxle.plusMillis(1440)));

            GatewayRuntimeTest.awaitTrue(Duration.ofSeconds(60),
                    () -> verdicts.stream().anyMatch(v -> v.passage().lane().equals("L3") && v.passage().weigh() != null
                            && v.passage().weigh().time().equals(lastAxle)));
            Verdict v = verdicts.stream().filter(x -> x.passage().weigh() != null && x.passage().weigh().time().equals(lastAxle))
                    .findFirst().orElseThrow();
            assertThat(v.passage().plate()).isEqualTo(plate);
            assertThat(v.passage().plates()).hasSize(2);
            assertThat(v.passage().flags()).isEmpty();
            assertThat(v.outcome()).as(v.findings().toString()).isEqualTo(Outcome.VIOLATION);
            assertThat(v.findings()).anySatisfy(f -> assertThat(f.legalBasis()).contains("第三条"));

            Path journal = Path.of(context.getProperty(GatewayProperties.DATA_DIR)).resolve("journal");
            LocalDate day = lastAxle.atZone(ZoneId.systemDefault()).toLocalDate();
            Path passages = journal.resolve("passages-" + day + ".jsonl");
            Path verdictFile = journal.resolve("verdicts-" + day + ".jsonl");
            String id = v.passage().id();
            GatewayRuntimeTest.awaitTrue(Duration.ofMillis(TIMEOUT_MS), () -> contains(passages, id) && contains(verdictFile, id));
            assertThat(Files.readString(verdictFile)).contains("\"outcome\":\"VIOLATION\"");

            // and a signed evidence packet in the outbox that verifies, in an unbroken chain
            Path packets = Path.of(context.getProperty(GatewayProperties.DATA_DIR)).resolve("outbox").resolve("packets");
            GatewayRuntimeTest.awaitTrue(Duration.ofMillis(TIMEOUT_MS), () -> packetFor(packets, id));
            PacketVerifier.DirectoryResult all = PacketVerifier.verifyDirectory(packets, Set.of());
            assertThat(all.chainProblems()).isEmpty();
            assertThat(all.packets()).isNotEmpty().allSatisfy(r -> assertThat(r.problems()).as(r.packet()).isEmpty());
        } finally {
            reg.unregister();
        }
    }

    static PlateRead read(String camera, CameraPosition position, String plate, Instant time) {
        return new PlateRead(camera, "L3", position, time, plate, plate, PlateKind.NORMAL, PlateColor.YELLOW, 93,
                camera + "-" + time.toEpochMilli(), List.of(), time, time, Set.of(), List.of());
    }

    /** Whether a packet in the folder carries the passage (its manifest names the passage id). */
    private static boolean packetFor(Path packets, String passageId) {
        if (!Files.isDirectory(packets)) {
            return false;
        }
        try (var files = Files.list(packets)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".zip") && !f.toString().endsWith(PacketVerifier.MEDIA_SUFFIX)).toList()) {
                try (var zip = new java.util.zip.ZipFile(f.toFile())) {
                    var manifest = zip.getEntry("manifest.json");
                    if (manifest != null && new String(zip.getInputStream(manifest).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .contains(passageId)) {
                        return true;
                    }
                }
            }
        } catch (java.io.IOException e) {
            return false; // being written; the next look will do
        }
        return false;
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
