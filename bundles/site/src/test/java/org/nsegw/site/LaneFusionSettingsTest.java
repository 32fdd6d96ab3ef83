package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lane configurations the site compiler completes for fusion: cameras, weigh sensors, neighbours, timing. */
class LaneFusionSettingsTest {

    private static final String FILE = SiteCompilerTest.FILE;
    private static final String GATEWAY = SiteCompilerTest.GATEWAY;

    /** Two lanes each way and one camera in L2, written {@code CAMERA} (with its distance line). */
    private static String bridge(String camera) {
        return GATEWAY + """
                lanes:
                  - {id: L1, direction: north}
                  - {id: L2, direction: north}
                  - {id: L3, direction: south}
                devices:
                  - id: wim-L2
                    profile: weigh/wim-record-generic
                    lane: L2
                    port: /dev/ttyUSB0
                  - id: anpr-L2-front
                    profile: anpr/hikvision-isapi
                    lane: L2
                    position: front
                    address: 10.0.0.1
                """ + camera;
    }

    private static SitePlan compile(String text) {
        return Fixtures.realCompiler().compile(FILE, text);
    }

    private static PlannedConfiguration lane(SitePlan plan, String id) {
        assertThat(plan.problems()).as("problems").isEmpty();
        return plan.configurations().stream().filter(c -> c.pid().equals(SiteCompiler.LANE_PID) && c.name().equals(id))
                .findFirst().orElseThrow();
    }

    private static List<String> messages(String text) {
        SitePlan plan = compile(text);
        assertThat(plan.isValid()).isFalse();
        return plan.problems().stream().map(Problem::message).toList();
    }

    @Test
    void theBridgeExampleLanesKnowTheirDevicesAndNeighbours() {
        SitePlan plan = Fixtures.realCompiler().compile("edge-config/bridge-example.yaml", Fixtures.read(Fixtures.bridgeExample()));
        PlannedConfiguration l1 = lane(plan, "L1");
        assertThat(l1.properties().get("cameras")).isEqualTo(new String[] {"anpr-L1-front:front:-25.0", "anpr-L1-rear:rear:18.0"});
        assertThat(l1.properties().get("weighSensors")).isEqualTo(new String[] {"wim-L1"});
        assertThat(l1.properties().get("neighbours")).isEqualTo(new String[] {"L2"});
        assertThat(lane(plan, "L2").properties().get("neighbours")).isEqualTo(new String[] {"L1"});
        assertThat(lane(plan, "L3").properties().get("neighbours")).isEqualTo(new String[] {"L4"});
        assertThat(lane(plan, "L4").properties().get("neighbours")).isEqualTo(new String[] {"L3"});
        assertThat(l1.properties()).containsEntry(SiteCompiler.SITE_MARKER, "edge-config/bridge-example.yaml");
    }

    @Test
    void aCameraInTheFileFillsItsLane() {
        PlannedConfiguration l2 = lane(compile(bridge("    distanceM: -30\n")), "L2");
        assertThat(l2.properties().get("cameras")).isEqualTo(new String[] {"anpr-L2-front:front:-30.0"});
        assertThat(l2.properties().get("weighSensors")).isEqualTo(new String[] {"wim-L2"});
        assertThat(l2.properties().get("neighbours")).as("L3 goes the other way").isEqualTo(new String[] {"L1"});
    }

    @Test
    void aFrontOrRearCameraNeedsItsDistance() {
        SitePlan plan = compile(bridge(""));
        assertThat(plan.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("lane L2: camera anpr-L2-front has no distanceM; set distanceM: -25 (metres before the "
                    + "weigh sensor), measured along the lane to where the camera reads plates; fusion times its reads by it");
            assertThat(p.location()).isEqualTo(new Location(FILE, 14, 5));
        });
    }

    @Test
    void aFrontCameraStandsBeforeTheSensor() {
        assertThat(messages(bridge("    distanceM: 25\n"))).containsExactly("lane L2: camera anpr-L2-front is a front camera at "
                + "distanceM 25.0; a front camera stands before the weigh sensor (negative, e.g. -25), a rear camera after it "
                + "(positive, e.g. 18)");
    }

    @Test
    void camerasAndSensorsComeFromTheDevicesOnly() {
        String text = bridge("    distanceM: -25\n").replace("{id: L2, direction: north}", "{id: L2, direction: north, cameras: [x:front:-1]}");
        assertThat(messages(text)).containsExactly("lane 'L2': 'cameras' is filled in from the devices section (each device's lane, "
                + "position and distanceM); remove it here");
    }

    @Test
    void neighboursGivenInTheFileAreKeptAndChecked() {
        String none = bridge("    distanceM: -25\n").replace("{id: L2, direction: north}", "{id: L2, direction: north, neighbours: []}");
        assertThat(lane(compile(none), "L2").properties().get("neighbours")).isEqualTo(new String[0]);
        String wrong = bridge("    distanceM: -25\n").replace("{id: L2, direction: north}", "{id: L2, direction: north, neighbours: [L4]}");
        assertThat(messages(wrong)).containsExactly("lane 'L2': neighbour 'L4' is not defined in lanes; defined: L1, L2, L3"
                + " (did you mean 'L1'?)");
    }

    @Test
    void fusionTimingIsSetPerLane() {
        String text = bridge("    distanceM: -25\n").replace("{id: L2, direction: north}",
                "{id: L2, direction: north, fusion: {gateWindowSeconds: 30, unweighed: none}}");
        PlannedConfiguration l2 = lane(compile(text), "L2");
        assertThat(l2.properties()).containsEntry("fusion.gateWindowSeconds", 30.0).containsEntry("fusion.unweighed", "none");
        assertThat(messages(text.replace("unweighed: none", "unweighed: some"))).singleElement().asString()
                .startsWith("lane 'L2': fusion.unweighed is 'some'; allowed: none, large, all");
    }
}
