package org.nsegw.evidence.internal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nsegw.api.device.Verification;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.rules.Verdict;
import org.nsegw.journal.RecordJson;

/** The case fields and entries of a packet, from a verdict, built without files or a framework. */
class CaseContentTest {

    private final Sample sample = new Sample();

    @Test
    void theCaseFieldsOfAViolationAreTheGoldenOnes() throws IOException {
        CaseContent c = CaseContent.of(sample.violation(), Sample.CONTEXT, 42, sample.media());
        String actual = json(c.fields());
        assertThat(actual).isEqualTo(golden("violation-case-fields.json", actual));
    }

    @Test
    void theEntriesAreThePassageTheRawRecordAndEveryImageWithTheirRoles() {
        Verdict v = sample.violation();
        CaseContent c = CaseContent.of(v, Sample.CONTEXT, 42, sample.media());

        assertThat(c.entries()).extracting(CaseEntry::name).containsExactly("passage.json",
                "images/1-anpr-L1-front-01-plate.jpg", "images/1-anpr-L1-front-02-scene.jpg",
                "images/2-anpr-L1-rear-01-plate.jpg", "images/2-anpr-L1-rear-02-scene.jpg", "raw/wim-L1.bin");
        assertThat(c.entries()).extracting(CaseEntry::role).containsExactly("passage", "read-image:plate",
                "read-image:scene", "read-image:plate", "read-image:scene", "weigh-raw");
        assertThat(new String(c.entries().get(0).content(), StandardCharsets.UTF_8)).isEqualTo(RecordJson.passage(v.passage()));
        assertThat(RecordJson.passage(new String(c.entries().get(0).content(), StandardCharsets.UTF_8))).isEqualTo(v.passage());
        assertThat(c.entries().get(5).content()).isEqualTo(Sample.RAW);
        assertThat(c.entries().get(1).content()).isEqualTo(
                sample.files.get("media/anpr/anpr-L1-front/2026-11-23/ev-1001/01-plate.jpg"));
        assertThat(c.fields().get("entryRoles")).isEqualTo(c.entries().stream()
                .map(e -> Map.of("name", e.name(), "role", e.role())).toList());
        assertThat(c.fields()).doesNotContainKey("problems");
    }

    @Test
    void chineseTextIsKeptExactly() {
        Verdict v = sample.violation();
        CaseContent c = CaseContent.of(v, Sample.CONTEXT, 42, sample.media());
        Map<String, Object> verdict = map(c.fields().get("verdict"));
        Map<String, Object> first = map(list(verdict.get("findings")).get(0));
        assertThat(first.get("explanation")).isEqualTo(Sample.STATUTORY);
        assertThat(first.get("legalBasis")).isEqualTo("《超限运输车辆行驶公路管理规定》第三条");
        assertThat(map(c.fields().get("gateway")).get("name")).isEqualTo("钱塘江三桥 北岸称重点");
        assertThat(map(c.fields().get("vehicle")).get("trailerPlate")).isEqualTo("浙A6789挂");
        assertThat(new String(c.entries().get(0).content(), StandardCharsets.UTF_8)).contains("浙A12345", "黄浙A12345");
    }

    @Test
    void theIdsFollowFromTheGatewayAndTheSequenceOnly() {
        CaseContent a = CaseContent.of(sample.violation(), Sample.CONTEXT, 42, sample.media());
        CaseContent again = CaseContent.of(sample.violation(), Sample.CONTEXT, 42, sample.media());
        assertThat(again.fields()).isEqualTo(a.fields());
        assertThat(again.caseId()).isEqualTo(a.caseId()).isEqualTo("330100001220261123101500000042");
        // independently: python3 -c "import uuid; print(uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_DNS, 'nsegw.invalid'), 'hz-qtb3-gw1/42'))"
        assertThat(a.uuid()).isEqualTo(UUID.fromString("126dfbb4-473f-56d6-9764-e783104f2497"));

        CaseContent next = CaseContent.of(sample.violation(), Sample.CONTEXT, 43, sample.media());
        assertThat(next.caseId()).isEqualTo("330100001220261123101500000043");
        assertThat(next.uuid()).isNotEqualTo(a.uuid());
    }

    @Test
    void theUuidIsVersion5OfTheGatewayAndSequenceInTheProjectNamespace() {
        assertThat(CaseId.nameBased(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "nsegw.invalid"))
                .as("RFC 4122's DNS namespace gives the project's namespace").isEqualTo(CaseId.NAMESPACE);
        UUID u = CaseId.uuid("hz-qtb3-gw1", 1);
        assertThat(u).isEqualTo(UUID.fromString("0173a252-16ac-52f9-87d7-7fa4b5eeb2e8"));
        assertThat(u.version()).isEqualTo(5);
        assertThat(u.variant()).isEqualTo(2);
        assertThat(CaseId.uuid("hz-qtb3-gw2", 1)).isNotEqualTo(u);
    }

    @Test
    void theCaseIdIsStationCodeLocalSecondsAndSixDigitsOfTheSequence() {
        assertThat(CaseId.of("3301", Instant.parse("2026-11-23T16:30:05Z"), Sample.ZONE, 7))
                .as("16:30 UTC is the next day in Hangzhou").isEqualTo("330120261124003005000007");
        assertThat(CaseId.of("3301", Sample.TIME, Sample.ZONE, 1_000_042)).isEqualTo("330120261123101500000042");
        assertThat(CaseId.of("3301", Sample.TIME, Sample.ZONE, 999_999)).endsWith("999999");
        assertThatThrownBy(() -> CaseId.of("3301", Sample.TIME, Sample.ZONE, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePlatformFieldsFollowThePassRecordStandard() {
        CaseContent c = CaseContent.of(sample.violation(), Sample.CONTEXT, 42, sample.media());
        assertThat(c.fields().get("platform")).isEqualTo(Map.ofEntries(
                Map.entry("previewCode", "330100001220261123101500000042"),
                Map.entry("previewDate", "2026-11-23 10:15:00"),
                Map.entry("previewStationCode", "3301000012"),
                Map.entry("laneNo", "L1"),
                Map.entry("licenseCodeFront", "浙A12345"),
                Map.entry("licenseCodeBack", "浙A6789挂"),
                Map.entry("licensePlateColor", "YELLOW"),
                Map.entry("speed", "62.5"),
                Map.entry("totalWeight", 52_300),
                Map.entry("axisNum", 6),
                Map.entry("axle1Weight", 7_100), Map.entry("axle2Weight", 9_300), Map.entry("axle3Weight", 9_200),
                Map.entry("axle4Weight", 8_900), Map.entry("axle5Weight", 8_900), Map.entry("axle6Weight", 8_900),
                Map.entry("overLimitWeight", 3_300),
                Map.entry("overLimitRate", "6.7")));
    }

    @Test
    void aPassageWithoutWeighingHasNoWeighFieldsAndARearlessTruckNoBackPlate() {
        CaseContent c = CaseContent.of(sample.unweighed(), Sample.CONTEXT, 43, sample.media());
        assertThat(c.fields()).doesNotContainKeys("weigh", "alsoWeighed", "observations", "problems");
        assertThat(map(c.fields().get("verdict")).get("outcome")).isEqualTo("COMPLIANT");
        assertThat(map(c.fields().get("passage")).get("flags")).isEqualTo(List.of("NO_WEIGHT"));
        Map<String, Object> platform = map(c.fields().get("platform"));
        assertThat(platform).doesNotContainKeys("totalWeight", "axisNum", "speed", "overLimitWeight", "overLimitRate");
        assertThat(platform.get("licenseCodeBack")).isEqualTo("");
        assertThat(c.entries()).extracting(CaseEntry::name).noneMatch(n -> n.startsWith("raw/"));
        assertThat(c.fields().get("devices")).isEqualTo(List.of(Map.of("id", "anpr-L1-front", "kind", "anpr", "position", "FRONT")));
    }

    @Test
    void aCompliantRecordCanKeepItsImagesBesideThePacketListedWithTheirDigests() {
        Verdict v = sample.violation();
        CaseContent inside = CaseContent.of(v, Sample.CONTEXT, 42, sample.media());
        CaseContent c = CaseContent.of(v, Sample.CONTEXT, 42, sample.media(), CaseContent.Images.BESIDE);
        assertThat(c.entries()).extracting(CaseEntry::name).containsExactly("passage.json", "raw/wim-L1.bin");
        assertThat(c.beside()).extracting(CaseEntry::name).containsExactly("images/1-anpr-L1-front-01-plate.jpg",
                "images/1-anpr-L1-front-02-scene.jpg", "images/2-anpr-L1-rear-01-plate.jpg", "images/2-anpr-L1-rear-02-scene.jpg");
        byte[] plate = sample.files.get("media/anpr/anpr-L1-front/2026-11-23/ev-1001/01-plate.jpg");
        assertThat(list(c.fields().get("imagesBeside"))).hasSize(4).first().isEqualTo(Map.of(
                "name", "images/1-anpr-L1-front-01-plate.jpg", "role", "read-image:plate",
                "sha256", CaseContent.sha256(plate), "size", plate.length));
        assertThat(c.fields().get("vehicle")).as("reads name their images alike").isEqualTo(inside.fields().get("vehicle"));
        assertThat(list(c.fields().get("entryRoles"))).hasSize(2);
        assertThat(inside.fields()).doesNotContainKey("imagesBeside");
        assertThat(inside.beside()).isEmpty();
    }

    @Test
    void theImagesZipIsTheSameForTheSameImages() throws IOException {
        CaseContent c = CaseContent.of(sample.violation(), Sample.CONTEXT, 42, sample.media(), CaseContent.Images.BESIDE);
        byte[] zip = ImagesZip.of(c.beside());
        assertThat(ImagesZip.of(c.beside())).isEqualTo(zip);
        Map<String, byte[]> read = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                read.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(read.keySet()).containsExactlyElementsOf(c.beside().stream().map(CaseEntry::name).toList());
        assertThat(read.get("images/2-anpr-L1-rear-02-scene.jpg")).isEqualTo(c.beside().get(3).content());
    }

    @Test
    void aSiteExitCarriesItsObservationsAndTheirFrames() {
        CaseContent c = CaseContent.of(sample.siteExit(), Sample.CONTEXT, 7, sample.media());
        List<Object> observations = list(c.fields().get("observations"));
        assertThat(observations).singleElement().isEqualTo(Map.of("camera", "cam-exit", "lane", "G1",
                "time", "2026-11-23T02:15:00Z", "kind", "MUDDY_VEHICLE", "score", "0.35", "confidence", "0.91",
                "evidence", List.of("observations/1-cam-exit-annotated.jpg")));
        assertThat(c.entries()).filteredOn(e -> e.name().equals("observations/1-cam-exit-annotated.jpg"))
                .singleElement().extracting(CaseEntry::role).isEqualTo("observation:annotated");
        assertThat(list(c.fields().get("devices"))).extracting(d -> map(d).get("id"))
                .containsExactly("anpr-gate", "cam-exit");
        assertThat(map(c.fields().get("platform")).get("licenseCodeBack")).isEqualTo("");
    }

    @Test
    void aFileSeveralObservationsShareIsInThePacketOnce(@org.junit.jupiter.api.io.TempDir Path keys) throws Exception {
        CaseContent c = CaseContent.of(sample.siteExitWithTwoFindings(), Sample.CONTEXT, 8, sample.media());
        String o = "observations/1-cam-exit-";
        String o2 = "observations/2-cam-exit-";
        assertThat(c.entries()).extracting(CaseEntry::name).containsExactly("passage.json",
                "images/1-anpr-gate-01-plate.jpg", "images/1-anpr-gate-02-scene.jpg",
                o + "before.jpg", o + "at-MUDDY_VEHICLE.jpg", o + "after.jpg", o + "annotated-MUDDY_VEHICLE.jpg", o + "clip.avi",
                o2 + "at-UNCOVERED_LOAD.jpg", o2 + "annotated-UNCOVERED_LOAD.jpg");
        assertThat(c.entries()).filteredOn(e -> e.name().endsWith("clip.avi")).singleElement()
                .satisfies(e -> assertThat(e.role()).isEqualTo("observation:clip"))
                .satisfies(e -> assertThat(e.content()).isEqualTo(sample.files.get("media/vision/cam-exit/2026-11-23/exit-7/clip.avi")));
        List<Object> observations = list(c.fields().get("observations"));
        assertThat(map(observations.get(0)).get("evidence")).isEqualTo(List.of(o + "before.jpg", o + "at-MUDDY_VEHICLE.jpg",
                o + "after.jpg", o + "annotated-MUDDY_VEHICLE.jpg", o + "clip.avi"));
        // the second observation names the shared files' entries of the first
        assertThat(map(observations.get(1)).get("evidence")).isEqualTo(List.of(o + "before.jpg", o2 + "at-UNCOVERED_LOAD.jpg",
                o + "after.jpg", o2 + "annotated-UNCOVERED_LOAD.jpg", o + "clip.avi"));
        assertThat(c.fields().get("entryRoles")).isEqualTo(c.entries().stream()
                .map(e -> Map.of("name", e.name(), "role", e.role())).toList());
        assertThat(c.fields()).doesNotContainKey("problems");

        // and the packet made of it is valid: every entry once, listed with its digest, signed
        org.nsegw.packet.PacketSigner signer = org.nsegw.packet.GatewayKeys.loadOrCreate(keys, "Ed25519");
        org.nsegw.packet.BuiltPacket packet = org.nsegw.packet.PacketBuilder.build(c.fields(),
                c.entries().stream().map(e -> new org.nsegw.packet.PacketEntry(e.name(), e.content())).toList(),
                org.nsegw.packet.ChainLink.first(), signer);
        org.nsegw.packet.PacketVerifier.Result verified = org.nsegw.packet.PacketVerifier.verify(packet.zip(),
                java.util.Set.of(signer.keyId()));
        assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
    }

    @Test
    void aFileChangedBetweenTwoReferencesIsNotTakenForTheSame() {
        Verdict v = sample.siteExitWithTwoFindings();
        // the second observation's clip reference records other bytes at the same path: not the same file
        var second = v.passage().observations().get(1);
        var clip = second.evidence().get(4);
        var other = new org.nsegw.api.evidence.MediaRef(clip.role(), clip.path(), clip.mediaType(), clip.size() + 1, "00".repeat(32));
        var changed = new org.nsegw.api.vision.Observation(second.cameraId(), second.lane(), second.time(), second.kind(),
                second.score(), second.confidence(), List.of(second.evidence().get(0), second.evidence().get(1),
                second.evidence().get(2), second.evidence().get(3), other));
        Passage p = v.passage();
        Passage twice = new Passage(p.id(), p.lane(), p.time(), p.weigh(), p.plates(), List.of(p.observations().get(0), changed),
                p.flags(), p.plate(), p.trailerPlate(), p.alsoWeighed());
        CaseContent c = CaseContent.of(new Verdict(twice, v.outcome(), v.findings(), v.enforcementCode()), Sample.CONTEXT, 8,
                sample.media());
        assertThat(c.entries()).extracting(CaseEntry::name).contains("observations/1-cam-exit-clip.avi",
                "observations/2-cam-exit-clip.avi");
        assertThat(c.fields().get("problems")).asList().singleElement().asString().contains("differs from the file recorded");
    }

    @Test
    void aMissingImageIsNamedAndThePacketIsMadeAllTheSame() {
        Verdict v = sample.violation();
        sample.files.remove("media/anpr/anpr-L1-rear/2026-11-23/ev-2001/02-scene.jpg");
        CaseContent c = CaseContent.of(v, Sample.CONTEXT, 42, sample.media());
        assertThat(c.entries()).extracting(CaseEntry::name).doesNotContain("images/2-anpr-L1-rear-02-scene.jpg").hasSize(5);
        assertThat(c.fields().get("problems")).isEqualTo(List.of(Map.of(
                "path", "media/anpr/anpr-L1-rear/2026-11-23/ev-2001/02-scene.jpg",
                "problem", "not readable: java.nio.file.NoSuchFileException: media/anpr/anpr-L1-rear/2026-11-23/ev-2001/02-scene.jpg")));
        Map<String, Object> rear = map(list(map(c.fields().get("vehicle")).get("reads")).get(1));
        assertThat(rear.get("images")).isEqualTo(List.of("images/2-anpr-L1-rear-01-plate.jpg"));
    }

    @Test
    void anImageChangedSinceCaptureGoesInAndIsNamed() {
        Verdict v = sample.violation();
        sample.files.put("media/anpr/anpr-L1-front/2026-11-23/ev-1001/01-plate.jpg", "altered".getBytes(StandardCharsets.US_ASCII));
        CaseContent c = CaseContent.of(v, Sample.CONTEXT, 42, sample.media());
        assertThat(c.entries()).hasSize(6);
        assertThat(c.entries().get(1).content()).asString(StandardCharsets.US_ASCII).isEqualTo("altered");
        assertThat(list(c.fields().get("problems"))).singleElement()
                .satisfies(p -> assertThat(map(p).get("problem").toString())
                        .startsWith("differs from the file recorded at capture (")
                        .endsWith("now 7 bytes, SHA-256 " + CaseContent.sha256("altered".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void aStraddlingVehicleKeepsBothRawRecordsAndTheDevicesCertificates() {
        Verdict v = sample.violation();
        Passage p = v.passage();
        Passage straddling = new Passage(p.id(), p.lane(), p.time(), p.weigh(), p.plates(), p.observations(), p.flags(),
                p.plate(), p.trailerPlate(), List.of(Sample.weigh("wim-L2", null), Sample.weigh("wim-L1", null)));
        CaseContent c = CaseContent.of(new Verdict(straddling, v.outcome(), v.findings(), v.enforcementCode()),
                Sample.CONTEXT, 42, sample.media());
        assertThat(c.entries()).extracting(CaseEntry::name).endsWith("raw/wim-L1.bin", "raw/wim-L2.bin", "raw/wim-L1-2.bin");
        assertThat(list(c.fields().get("alsoWeighed"))).extracting(w -> map(w).get("raw"))
                .containsExactly("raw/wim-L2.bin", "raw/wim-L1-2.bin");
        assertThat(list(c.fields().get("devices"))).filteredOn(d -> map(d).get("kind").equals("weigh"))
                .containsExactly(
                        Map.of("id", "wim-L1", "kind", "weigh", "accuracyClass", "5", "certified", true, "certificate",
                                Map.of("certificateId", "ZJJL-WIM-2026-0101", "expires", "2027-06-30")),
                        Map.of("id", "wim-L2", "kind", "weigh", "accuracyClass", "5", "certified", false));
    }

    @Test
    void theFieldsHoldNoFloatingPointAndNoNull() {
        for (Verdict v : List.of(sample.violation(), sample.unweighed(), sample.siteExit())) {
            assertJsonable(CaseContent.of(v, Sample.CONTEXT, 9, sample.media()).fields(), "fields");
        }
    }

    @Test
    void overLimitComesFromTheStatutoryFindingElseThePostedOne() {
        Verdict v = sample.violation();
        assertThat(OverLimit.of(v.findings())).contains(new OverLimit(3_300, "6.7"));
        assertThat(OverLimit.of(List.of(v.findings().get(1)))).contains(new OverLimit(12_300, "30.8"));
        assertThat(OverLimit.of(List.of(new org.nsegw.api.rules.Finding("WITHIN_LIMITS", "", "未超过")))).isEmpty();
    }

    @Test
    void entryNamesAreSafeInAZip() {
        assertThat(CaseContent.safe("01-plate.jpg")).isEqualTo("01-plate.jpg");
        assertThat(CaseContent.safe("车牌 图.jpg")).isEqualTo("____.jpg");
        assertThat(CaseContent.safe("..")).isEqualTo("_..");
        assertThat(CaseContent.safe("")).isEqualTo("_");
    }

    @Test
    void theGatewayIdentityComesFromTheGatewayConfiguration() {
        GatewayIdentity g = GatewayIdentity.fromProperties(Map.of("id", "gw1", "stationCode", "3301", "location.latitude",
                30.5, "location.longitude", "120.25"));
        assertThat(g).isEqualTo(new GatewayIdentity("gw1", "", "3301", 30.5, 120.25, "", ""));
        assertThat(g.fields()).isEqualTo(Map.of("id", "gw1", "name", "", "stationCode", "3301",
                "location", Map.of("latitude", "30.5", "longitude", "120.25", "road", "", "place", "")));
        assertThatThrownBy(() -> GatewayIdentity.fromProperties(Map.of("id", "gw1", "location.latitude", 1, "location.longitude", 1)))
                .hasMessage("gateway: stationCode is missing");
        assertThatThrownBy(() -> GatewayIdentity.fromProperties(Map.of("id", "gw1", "stationCode", "1",
                "location.latitude", "north", "location.longitude", 1)))
                .hasMessage("gateway: location.latitude is 'north', not a number");
    }

    @Test
    void decimalsAreShortestText() {
        assertThat(Decimals.text(62.5)).isEqualTo("62.5");
        assertThat(Decimals.text(0.0)).isEqualTo("0");
        assertThat(Decimals.text(80)).isEqualTo("80");
        assertThat(Decimals.text(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThatThrownBy(() -> Decimals.text(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpiredCertificateIsRecordedAsItIs() {
        Verdict v = sample.violation();
        Passage p = v.passage();
        Passage expired = new Passage(p.id(), p.lane(), p.time(),
                Sample.weigh("wim-L1", new Verification("ZJJL-OLD", LocalDate.of(2025, 1, 31))), p.plates(),
                p.observations(), p.flags(), p.plate(), p.trailerPlate(), p.alsoWeighed());
        CaseContent c = CaseContent.of(new Verdict(expired, v.outcome(), v.findings(), ""), Sample.CONTEXT, 1, sample.media());
        assertThat(map(c.fields().get("weigh")).get("certificate"))
                .isEqualTo(Map.of("certificateId", "ZJJL-OLD", "expires", "2025-01-31"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static void assertJsonable(Object o, String where) {
        assertThat(o).as(where).isNotNull();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                assertThat(k).as(where).isInstanceOf(String.class);
                assertJsonable(v, where + "." + k);
            });
        } else if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                assertJsonable(l.get(i), where + "[" + i + "]");
            }
        } else {
            assertThat(o).as(where).isInstanceOfAny(String.class, Integer.class, Long.class, Boolean.class);
        }
    }

    static String json(Map<String, Object> fields) throws IOException {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return new ObjectMapper().writer(pretty).writeValueAsString(fields) + "\n";
    }

    /** The golden file; {@code -Dgolden.update=true} writes {@code actual} into it first (then review the diff). */
    private static String golden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of("src/test/resources/golden", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return actual;
        }
        try (InputStream in = CaseContentTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
