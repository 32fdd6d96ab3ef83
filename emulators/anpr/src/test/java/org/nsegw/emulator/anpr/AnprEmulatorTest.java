package org.nsegw.emulator.anpr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.emulator.anpr.http.Credentials;
import org.nsegw.emulator.anpr.message.ItsapiMessages;
import org.nsegw.emulator.anpr.read.CameraTiming;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;
import org.nsegw.emulator.traffic.VehicleClass;
import org.w3c.dom.Element;

class AnprEmulatorTest {

    static final Credentials ACCOUNT = Credentials.digest("admin", "Cam12345");
    static final String HIK_PATH = "/anpr/hikvision";
    static final double SCALE = 40;

    static final EmulatedCamera FRONT = EmulatedCamera.of("anpr-L1-front", "L1", CameraPosition.FRONT, -25,
            CameraProtocol.HIKVISION_ISAPI_XML);
    static final EmulatedCamera REAR = EmulatedCamera.of("anpr-L1-rear", "L1", CameraPosition.REAR, 18, CameraProtocol.DAHUA_ITSAPI);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    /** Twelve trucks in L1, a few seconds apart. */
    static List<EmulatedVehicle> traffic(long seed) {
        return new TrafficScenario(seed, List.of("L1"), Instant.parse("2026-11-23T00:00:00Z"), 1800, 0.2, 40, 80,
                List.of(VehicleClass.values())).vehicles(12);
    }

    /** Starts the scenario a second before the first read, now, {@link #SCALE} times faster than real time. */
    static Timeline fast(List<EmulatedVehicle> vehicles) {
        Instant first = CameraTiming.sightings(FRONT, vehicles).get(0).time();
        return new Timeline(first.minusSeconds(1), Instant.now(), SCALE);
    }

    @Test
    void everyPushMatchesTheTruthAndFollowsTheTraffic() throws Exception {
        List<EmulatedVehicle> vehicles = traffic(11);
        Path truthFile = dir.resolve("anpr.truth.jsonl");
        try (TestGateway gateway = TestGateway.start(ACCOUNT)) {
            List<CameraSetup> cameras = List.of(
                    new CameraSetup(FRONT, Delivery.push(gateway.uri(), HIK_PATH, ACCOUNT),
                            Faults.parse("duplicate=0.3,colorprefix=0.3,misread=0.2")),
                    new CameraSetup(REAR, Delivery.push(gateway.uri(), "/ignored", ACCOUNT).withHeartbeat(Duration.ofSeconds(2)),
                            Faults.parse("miss=0.25,lowconf=0.3")));
            Timeline timeline = fast(vehicles);
            try (AnprEmulator emu = AnprEmulator.start(new AnprEmulator.Settings(cameras, vehicles, 5, timeline, truthFile))) {
                assertThat(emu.awaitFinished(Duration.ofSeconds(30))).isTrue();
                List<TruthRecord> truth = emu.truth();
                gateway.await(r -> r.path().equals(ItsapiMessages.KEEP_ALIVE_PATH), 1, Duration.ofSeconds(5));
                Progress progress = emu.progress();

                List<TruthRecord> front = of(truth, FRONT);
                List<TruthRecord> rear = of(truth, REAR);
                assertThat(front.stream().filter(r -> !r.duplicate())).hasSize(12);
                assertThat(rear).hasSize(12);
                assertThat(front).anyMatch(TruthRecord::duplicate).anyMatch(TruthRecord::colorPrefixed).anyMatch(TruthRecord::misread);
                assertThat(rear).anyMatch(r -> r.outcome() == Outcome.MISSED).anyMatch(TruthRecord::lowConfidence);

                // Hikvision: one form-data POST per pushed record, in order, carrying what the truth says was sent
                List<TestGateway.Request> hik = gateway.requests(HIK_PATH);
                List<TruthRecord> pushedFront = front.stream().filter(r -> r.outcome() == Outcome.PUSHED).toList();
                assertThat(hik).hasSameSizeAs(pushedFront).hasSize(front.size());
                for (int i = 0; i < hik.size(); i++) {
                    TruthRecord t = pushedFront.get(i);
                    List<MultipartReader.Part> parts = MultipartReader.parse(hik.get(i).body(), MultipartReader.boundary(hik.get(i).contentType()));
                    Element alert = Xml.parse(parts.get(0).body()).getDocumentElement();
                    assertThat(Xml.text(alert, "UUID")).isEqualTo(t.eventId());
                    assertThat(Xml.text(alert, "licensePlate")).isEqualTo(t.sentText());
                    assertThat(Xml.text(alert, "dateTime")).isEqualTo(isapiTime(t.cameraTime()));
                    assertThat(Xml.text(alert, "direction")).isEqualTo("forward");
                    assertThat(t.plate()).isEqualTo(vehicle(vehicles, t.serial()).frontPlate());
                    assertInStep(timeline, t, hik.get(i).at());
                }
                // a duplicate repeats the event id right after the original
                for (int i = 0; i < front.size(); i++) {
                    if (front.get(i).duplicate()) {
                        assertThat(front.get(i).eventId()).isEqualTo(front.get(i - 1).eventId());
                    }
                }

                // Dahua: TollgateInfo for every read not missed; the trailer plate for combinations
                List<TestGateway.Request> tollgate = gateway.requests(ItsapiMessages.TOLLGATE_PATH);
                List<TruthRecord> pushedRear = rear.stream().filter(r -> r.outcome() == Outcome.PUSHED).toList();
                assertThat(tollgate).hasSameSizeAs(pushedRear).hasSize((int) rear.stream().filter(r -> r.outcome() != Outcome.MISSED).count());
                for (int i = 0; i < tollgate.size(); i++) {
                    TruthRecord t = pushedRear.get(i);
                    JsonNode picture = json.readTree(tollgate.get(i).body()).path("Picture");
                    assertThat(picture.path("NormalPic").path("PicName").asText()).isEqualTo(t.eventId() + ".jpg");
                    assertThat(picture.path("Plate").path("PlateNumber").asText()).isEqualTo(t.sentText());
                    assertThat(picture.path("Plate").path("Confidence").asInt()).isEqualTo(t.confidence());
                    assertThat(picture.path("SnapInfo").path("AccurateTime").asText())
                            .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(OffsetDateTime.parse(t.cameraTime())));
                    EmulatedVehicle v = vehicle(vehicles, t.serial());
                    assertThat(t.plate()).isEqualTo(v.rearPlate());
                    assertThat(Instant.parse(t.time())).isAfter(v.lastAxleTime());
                    assertInStep(timeline, t, tollgate.get(i).at());
                }
                assertThat(gateway.requests(ItsapiMessages.KEEP_ALIVE_PATH).get(0).text()).contains("\"DeviceID\":\"" + REAR.deviceId() + "\"");

                // the counters agree with the truth
                assertThat(progress.reads()).isEqualTo(24);
                assertThat(progress.delivered()).isEqualTo(pushedFront.size() + pushedRear.size());
                assertThat(progress.missed()).isEqualTo(rear.stream().filter(r -> r.outcome() == Outcome.MISSED).count());
                assertThat(progress.duplicates()).isEqualTo(front.stream().filter(TruthRecord::duplicate).count());
                assertThat(progress.heartbeats()).isPositive();
                assertThat(progress.responses()).containsKeys(200, 401);
                assertThat(progress.finished()).isTrue();
            }
            List<String> lines = Files.readAllLines(truthFile);
            assertThat(lines).hasSize(24 + (int) lines.stream().filter(l -> l.contains("\"duplicate\":true")).count());
            JsonNode first = json.readTree(lines.get(0));
            assertThat(first.path("camera").asText()).isIn(FRONT.id(), REAR.id());
            assertThat(first.has("outcome") && first.has("sentText") && first.has("cameraTime") && first.has("eventId")).isTrue();
        }
    }

    @Test
    void offlineWindowsClockOffsetsRetriesAndWrongPasswordsShowInTheTruth() throws Exception {
        List<EmulatedVehicle> vehicles = traffic(12);
        EmulatedCamera gate = EmulatedCamera.of("anpr-L1-gate", "L1", CameraPosition.GATE, 0, CameraProtocol.DAHUA_ITSAPI);
        try (TestGateway gateway = TestGateway.start(ACCOUNT)) {
            gateway.answerNext(HIK_PATH, 503);
            Timeline timeline = fast(vehicles);
            Instant firstRead = CameraTiming.sightings(FRONT, vehicles).get(0).time();
            // offline from 6 s to 16 s of scenario time: some reads fall inside
            List<CameraSetup> cameras = List.of(
                    new CameraSetup(FRONT, Delivery.push(gateway.uri(), HIK_PATH, ACCOUNT).withRetries(3, Duration.ofSeconds(1)),
                            Faults.parse("offline=10@6,clock=+30")),
                    new CameraSetup(gate, Delivery.push(gateway.uri(), HIK_PATH, ACCOUNT).withHeartbeat(Duration.ofSeconds(3)),
                            Faults.parse("credentials=wrong")),
                    new CameraSetup(REAR, Delivery.push(gateway.uri(), HIK_PATH, ACCOUNT).withHeartbeat(Duration.ofMillis(500)),
                            Faults.parse("offline=10@6,miss=1")));
            try (AnprEmulator emu = AnprEmulator.start(new AnprEmulator.Settings(cameras, vehicles, 9, timeline, null))) {
                assertThat(emu.awaitFinished(Duration.ofSeconds(30))).isTrue();
                List<TruthRecord> front = of(emu.truth(), FRONT);
                assertThat(front).hasSize(12);
                for (TruthRecord t : front) {
                    Duration elapsed = Duration.between(timeline.scenarioStart(), Instant.parse(t.time()));
                    boolean inWindow = elapsed.compareTo(Duration.ofSeconds(6)) >= 0 && elapsed.compareTo(Duration.ofSeconds(16)) < 0;
                    assertThat(t.outcome()).as(t.toString()).isEqualTo(inWindow ? Outcome.OFFLINE : Outcome.PUSHED);
                    assertThat(Duration.between(Instant.parse(t.time()), OffsetDateTime.parse(t.cameraTime()).toInstant()).toMillis())
                            .isBetween(29_999L, 30_000L);
                    assertThat(t.clockOffsetMs()).isEqualTo(30_000);
                }
                assertThat(front).anyMatch(t -> t.outcome() == Outcome.OFFLINE);
                assertThat(front.get(0).attempts()).as("the 503 was tried again").isEqualTo(2);
                assertThat(firstRead).isEqualTo(Instant.parse(front.get(0).time()));
                assertThat(gateway.requests(HIK_PATH)).hasSize((int) front.stream().filter(t -> t.outcome() == Outcome.PUSHED).count() + 1);

                List<TruthRecord> wrong = of(emu.truth(), gate);
                assertThat(wrong).hasSize(12).allSatisfy(t -> {
                    assertThat(t.outcome()).isEqualTo(Outcome.REJECTED);
                    assertThat(t.status()).isEqualTo(401);
                    assertThat(t.attempts()).isEqualTo(1);
                });
                Predicate<TestGateway.Request> fromGate = r -> r.path().equals(ItsapiMessages.TOLLGATE_PATH)
                        || r.text().contains(gate.deviceId());
                assertThat(gateway.requests().stream().filter(fromGate)).isEmpty();
                assertThat(emu.progress().rejected()).isEqualTo(12);

                // no heartbeats from the offline camera in its window (a little slack for the time a post takes)
                List<TestGateway.Request> beats = gateway.requests(ItsapiMessages.KEEP_ALIVE_PATH);
                assertThat(beats).hasSizeGreaterThan(5);
                for (TestGateway.Request beat : beats) {
                    Duration elapsed = Duration.between(timeline.scenarioStart(), timeline.scenario(beat.at()));
                    boolean inWindow = elapsed.compareTo(Duration.ofMillis(6_500)) > 0 && elapsed.compareTo(Duration.ofMillis(15_500)) < 0;
                    assertThat(inWindow).as("a heartbeat at %s", elapsed).isFalse();
                }
                assertThat(of(emu.truth(), REAR)).allSatisfy(t -> assertThat(t.outcome()).isIn(Outcome.MISSED, Outcome.OFFLINE));
                assertThat(emu.progress().responses().get(503)).isEqualTo(1);
            }
        }
    }

    private static void assertInStep(Timeline timeline, TruthRecord t, Instant arrived) {
        // never early; late only by the time a post takes
        assertThat(arrived).isAfterOrEqualTo(timeline.wall(Instant.parse(t.time())).minusMillis(5));
        assertThat(Duration.between(timeline.wall(Instant.parse(t.time())), arrived)).isLessThan(Duration.ofSeconds(3));
    }

    private static String isapiTime(String cameraTime) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").format(OffsetDateTime.parse(cameraTime));
    }

    private static List<TruthRecord> of(List<TruthRecord> truth, EmulatedCamera c) {
        return new ArrayList<>(truth.stream().filter(r -> r.camera().equals(c.id())).toList());
    }

    private static EmulatedVehicle vehicle(List<EmulatedVehicle> vehicles, long serial) {
        return vehicles.stream().filter(v -> v.serial() == serial).findFirst().orElseThrow();
    }
}
