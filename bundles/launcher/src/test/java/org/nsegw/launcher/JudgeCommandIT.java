package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.Verification;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.journal.RecordJson;

/**
 * {@code nsegw judge}: recorded passages judged by the bridge example's rules (posted limit 40 t, tolerance 5 %), one
 * verdict line each, the same every time; lines that are not passages are reported and counted, never fatal.
 */
class JudgeCommandIT {

    static final Path SITE = GatewayProcess.HOME.resolve("edge-config/bridge-example.yaml").toAbsolutePath();
    static final Instant T = Instant.parse("2026-11-23T02:15:07.250Z");
    static final Verification VALID = new Verification("ZJJL-WIM-2026-0101", LocalDate.parse("2027-06-30"));

    @TempDir
    Path tmp;

    /** A 6-axle combination (tractor 1+2, trailer tridem) of the given gross weight, spread over the axles. */
    static WeighRecord sixAxles(int grossKg, Verification verification) {
        int[] spacing = {0, 3200, 1350, 5600, 1310, 1310};
        List<Axle> axles = new ArrayList<>();
        int left = grossKg;
        for (int i = 0; i < 6; i++) {
            int load = i == 5 ? left : grossKg / 6;
            left -= load;
            axles.add(new Axle(load, spacing[i]));
        }
        return new WeighRecord("wim-L1", "L1", T, 52.0, axles,
                List.of(new AxleGroup(0, 1), new AxleGroup(1, 2), new AxleGroup(3, 3)), grossKg, "5", verification,
                Set.of(), new byte[] {1, 2, 3});
    }

    static WeighRecord twoAxles(int grossKg) {
        return new WeighRecord("wim-L2", "L2", T.plusSeconds(30), 61.0,
                List.of(new Axle(grossKg / 3, 0), new Axle(grossKg - grossKg / 3, 4200)),
                List.of(new AxleGroup(0, 1), new AxleGroup(1, 1)), grossKg, "5", VALID, Set.of(), new byte[] {4});
    }

    static PlateRead read(String lane, CameraPosition position, String plate, PlateKind kind, Instant time) {
        String camera = "anpr-" + lane + "-" + position.name().toLowerCase(java.util.Locale.ROOT);
        return new PlateRead(camera, lane, position, time, plate, plate, kind, PlateColor.YELLOW, 92, camera + "-" + time,
                List.of(), time, time, Set.of(), List.of());
    }

    static Passage passage(String id, WeighRecord w, String plate, String trailer, Set<PassageFlag> flags) {
        List<PlateRead> reads = new ArrayList<>();
        if (!plate.isEmpty()) {
            reads.add(read(w.lane(), CameraPosition.FRONT, plate, PlateKind.NORMAL, w.time().minusSeconds(2)));
        }
        if (!trailer.isEmpty()) {
            reads.add(read(w.lane(), CameraPosition.REAR, trailer, PlateKind.TRAILER, w.time().plusSeconds(1)));
        }
        return new Passage(id, w.lane(), w.time(), w, reads, List.of(), flags, plate, trailer, List.of());
    }

    /** A 3-axle truck whose plate both cameras read alike. */
    static Passage truck(String id, int grossKg, String plate) {
        WeighRecord w = new WeighRecord("wim-L3", "L3", T.plusSeconds(60), 48.0,
                List.of(new Axle(7_000, 0), new Axle((grossKg - 7_000) / 2, 4_000), new Axle(grossKg - 7_000 - (grossKg - 7_000) / 2, 1_350)),
                List.of(new AxleGroup(0, 1), new AxleGroup(1, 2)), grossKg, "5", VALID, Set.of(), new byte[] {5});
        return new Passage(id, "L3", w.time(), w, List.of(read("L3", CameraPosition.FRONT, plate, PlateKind.NORMAL, w.time().minusSeconds(2)),
                read("L3", CameraPosition.REAR, plate, PlateKind.NORMAL, w.time().plusSeconds(1))), List.of(), Set.of(), plate, "", List.of());
    }

    Path journal(String... extraLines) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(RecordJson.passage(passage("p-over", sixAxles(55_000, VALID), "浙A12345", "浙F0123挂", Set.of())));
        lines.add(RecordJson.passage(truck("p-truck", 35_000, "浙A7T3Q9")));
        lines.add(RecordJson.passage(passage("p-fine", twoAxles(15_000), "浙B54321", "", Set.of())));
        lines.add(RecordJson.passage(passage("p-noplate", sixAxles(55_000, VALID), "", "", Set.of(PassageFlag.NO_PLATE))));
        lines.add(RecordJson.passage(passage("p-expired", sixAxles(55_000,
                new Verification("ZJJL-WIM-2025-0101", LocalDate.parse("2026-06-30"))), "浙A77777", "浙F0777挂", Set.of())));
        lines.addAll(List.of(extraLines));
        Path dir = Files.createDirectories(tmp.resolve("journal"));
        Path file = dir.resolve("passages-2026-11-23.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    record Run(int exit, List<JsonNode> verdicts, List<String> messages) {
    }

    Run judge(String name, String... args) throws Exception {
        Path out = tmp.resolve(name + ".out");
        List<String> command = new ArrayList<>(List.of("judge", "--site", SITE.toString()));
        command.addAll(List.of(args));
        int exit = GatewayProcess.run(out, Duration.ofSeconds(60), command.toArray(String[]::new));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> verdicts = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith("{")) {
                verdicts.add(json.readTree(line));
            } else {
                messages.add(line);
            }
        }
        return new Run(exit, verdicts, messages);
    }

    static List<String> codes(JsonNode verdict) {
        List<String> codes = new ArrayList<>();
        verdict.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        return codes;
    }

    @Test
    void everyPassageGetsItsVerdictWithTheLegalBasisAndTheSameEveryTime() throws Exception {
        Path file = journal();
        Run run = judge("first", file.toString());
        assertThat(run.exit()).as(String.join("\n", run.messages())).isZero();
        assertThat(run.verdicts()).extracting(v -> v.path("passage").asText())
                .containsExactly("p-over", "p-truck", "p-fine", "p-noplate", "p-expired");

        JsonNode over = run.verdicts().get(0);
        assertThat(over.path("outcome").asText()).as("the tractor plate rests on the front camera alone").isEqualTo("REVIEW");
        assertThat(codes(over)).contains("PLATE_UNCORROBORATED");
        assertThat(over.path("plate").asText()).isEqualTo("浙A12345");
        assertThat(over.path("trailerPlate").asText()).isEqualTo("浙F0123挂");
        assertThat(over.path("findings").toString()).as("statutory 49 t and posted 40 t, both with their article")
                .contains("第三条", "第二十七条", "49,000", "40,000", "55,000");
        JsonNode truck = run.verdicts().get(1);
        assertThat(truck.path("outcome").asText()).as("both cameras read the plate").isEqualTo("VIOLATION");
        assertThat(truck.path("findings").toString()).contains("第三条", "35,000");
        assertThat(run.verdicts().get(2).path("outcome").asText()).isEqualTo("COMPLIANT");
        assertThat(run.verdicts().get(3).path("outcome").asText()).as("no plate: review, never a case").isEqualTo("REVIEW");
        assertThat(run.verdicts().get(4).path("outcome").asText()).as("expired verification").isEqualTo("REVIEW");
        assertThat(codes(run.verdicts().get(4))).contains("VERIFICATION_EXPIRED");
        assertThat(run.messages()).anySatisfy(m -> assertThat(m).contains("Judged 5 passages", "1 violation", "3 for review", "1 compliant"));

        Run again = judge("again", file.getParent().toString());
        assertThat(again.exit()).isZero();
        assertThat(again.verdicts()).as("the journal folder gives the same verdicts, to the byte").isEqualTo(run.verdicts());
    }

    @Test
    void linesThatAreNotPassagesAreReportedAndCountedAndTheRestIsJudged() throws Exception {
        Path file = journal("{\"id\":\"half\"", "not json at all", "{\"id\":\"x\",\"unknownField\":1}");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'}, java.nio.file.StandardOpenOption.APPEND);
        Run run = judge("bad", file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.verdicts()).hasSize(5);
        assertThat(run.messages()).anySatisfy(m -> assertThat(m).startsWith(file + ":6: not a passage"))
                .anySatisfy(m -> assertThat(m).startsWith(file + ":7: not a passage"))
                .anySatisfy(m -> assertThat(m).startsWith(file + ":8: not a passage"))
                .anySatisfy(m -> assertThat(m).isEqualTo(file + ":9: not UTF-8 text"))
                .anySatisfy(m -> assertThat(m).contains("Judged 5 passages", "4 lines refused"));
    }

    @Test
    void aSettingOnTopOfTheSiteFileAndAnOutcomeFilter() throws Exception {
        Path file = journal();
        Run run = judge("lower", "--set", "limits.postedLimitKg=10000", "--set", "limits.plateReadsForCase=1", "--outcome",
                "violation", file.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.verdicts()).extracting(v -> v.path("passage").asText())
                .as("15 t on a 10 t bridge; one read is enough for a case").containsExactly("p-over", "p-truck", "p-fine");
    }

    @Test
    void missingInputsAndBadOptionsAreRefusedWithAReason() throws Exception {
        Run missing = judge("missing", tmp.resolve("nothing.jsonl").toString());
        assertThat(missing.exit()).isEqualTo(Nsegw.EXIT_INVALID);
        assertThat(missing.messages()).anySatisfy(m -> assertThat(m).contains("is neither a file nor a folder"));
        Run outcome = judge("outcome", "--outcome", "guilty", journal().toString());
        assertThat(outcome.exit()).isEqualTo(Nsegw.EXIT_INVALID);
        assertThat(outcome.messages()).anySatisfy(m -> assertThat(m).contains("violation, review or compliant"));
        Files.createDirectories(tmp.resolve("empty"));
        Run empty = judge("empty", tmp.resolve("empty").toString());
        assertThat(empty.exit()).isEqualTo(Nsegw.EXIT_INVALID);
        assertThat(empty.messages()).anySatisfy(m -> assertThat(m).contains("holds no passages-*.jsonl"));
    }
}
