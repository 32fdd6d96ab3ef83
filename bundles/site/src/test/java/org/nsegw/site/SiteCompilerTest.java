package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiteCompilerTest {

    static final String FILE = "site.yaml";

    /** A gateway section that is complete, for tests about the other sections. */
    static final String GATEWAY = """
            gateway:
              id: gw1
              stationCode: "3301000001"
              location: {latitude: 30.2, longitude: 120.2}
            """;

    /** One lane, and a weigh sensor in it with the Toledo profile. */
    private static final String SCALE = GATEWAY + """
            lanes:
              - id: L1
            devices:
              - id: scale
                profile: weigh/toledo-continuous
                lane: L1
                port: /dev/ttyS0
            """;

    private static SitePlan compile(String text) {
        return Fixtures.realCompiler().compile(FILE, text);
    }

    private static SitePlan valid(String text) {
        SitePlan plan = compile(text);
        assertThat(plan.problems()).as("problems").isEmpty();
        assertThat(plan.isValid()).isTrue();
        return plan;
    }

    /** The problems of an invalid file, which then has no configurations. */
    private static List<Problem> problems(String text) {
        SitePlan plan = compile(text);
        assertThat(plan.isValid()).as("valid").isFalse();
        assertThat(plan.configurations()).as("configurations of an invalid plan").isEmpty();
        assertThat(plan.gatewayId()).as("gateway id of an invalid plan").isEmpty();
        return plan.problems();
    }

    private static List<String> messages(String text) {
        return problems(text).stream().map(Problem::message).toList();
    }

    private static Problem onlyProblem(String text) {
        List<Problem> problems = problems(text);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    private static PlannedConfiguration config(SitePlan plan, String displayId) {
        List<PlannedConfiguration> found = plan.configurations().stream().filter(c -> c.displayId().equals(displayId)).toList();
        assertThat(found).as("configurations %s in %s", displayId, plan.configurations().stream().map(PlannedConfiguration::displayId).toList())
                .hasSize(1);
        return found.get(0);
    }

    private static Location at(int line, int column) {
        return new Location(FILE, line, column);
    }

    @Nested
    class Examples {

        @Test
        void theConstructionSiteExample() {
            String file = "edge-config/site-example.yaml";
            SitePlan plan = Fixtures.realCompiler().compile(file, Fixtures.read(Fixtures.siteExample()));
            assertThat(plan.problems()).isEmpty();
            assertThat(plan.file()).isEqualTo(file);
            assertThat(plan.gatewayId()).isEqualTo("yh-site-demo-gw1");
            assertThat(plan.configurations()).extracting(PlannedConfiguration::displayId).containsExactly(
                    "org.nsegw.gateway",
                    "org.nsegw.fusion.lane~EXIT",
                    "org.nsegw.weigh.sensor~scale-exit",
                    "org.nsegw.anpr.camera~anpr-gate",
                    "org.nsegw.vision.camera~cam-exit",
                    "org.nsegw.rules.cleanliness",
                    "org.nsegw.anpr.receiver",
                    "org.nsegw.evidence",
                    "org.nsegw.uplink",
                    "org.nsegw.console");
            assertThat(plan.configurations()).allSatisfy(c -> assertThat(c.properties()).containsEntry(SiteCompiler.SITE_MARKER, file));

            PlannedConfiguration gateway = config(plan, "org.nsegw.gateway");
            assertThat(gateway.isFactory()).isFalse();
            assertThat(gateway.name()).isEmpty();
            assertThat(gateway.properties()).containsEntry("id", "yh-site-demo-gw1")
                    .containsEntry("stationCode", "3301100007")
                    .containsEntry("location.latitude", 30.4187)
                    .containsEntry("location.longitude", 120.3011)
                    .containsEntry("location.description", "余杭区示例路 88号 工地东门")
                    .containsEntry("name", "余杭示例工地 东门出入口")
                    .doesNotContainKey("timezone");

            PlannedConfiguration lane = config(plan, "org.nsegw.fusion.lane~EXIT");
            assertThat(lane.isFactory()).isTrue();
            assertThat(lane.pid()).isEqualTo(SiteCompiler.LANE_PID);
            assertThat(lane.name()).isEqualTo("EXIT");
            assertThat(lane.properties()).containsOnlyKeys("id", "name", "direction", "cameras", "weighSensors", "neighbours",
                    SiteCompiler.SITE_MARKER).containsEntry("id", "EXIT").containsEntry("name", "东门出场道")
                    .containsEntry("direction", "exit").containsEntry(SiteCompiler.SITE_MARKER, file);
            // filled in from the devices: the gate camera and the truck scale; a lane alone has no neighbours
            assertThat(lane.properties().get("cameras")).isEqualTo(new String[] {"anpr-gate:gate:0.0"});
            assertThat(lane.properties().get("weighSensors")).isEqualTo(new String[] {"scale-exit"});
            assertThat(lane.properties().get("neighbours")).isEqualTo(new String[0]);

            PlannedConfiguration scale = config(plan, "org.nsegw.weigh.sensor~scale-exit");
            assertThat(scale.pid()).isEqualTo("org.nsegw.weigh.sensor");
            assertThat(scale.name()).isEqualTo("scale-exit");
            assertThat(scale.properties())
                    .containsEntry("serial.baud", 9600)
                    .containsEntry("serial.dataBits", 7)
                    .containsEntry("serial.parity", "even")
                    .containsEntry("serial.stopBits", "1")
                    .containsEntry("protocol", "toledo-continuous")
                    .containsEntry("accuracyClass", "III")
                    .containsEntry("units", "kg")
                    .containsEntry("timeoutSeconds", 10)
                    .containsEntry("port", "/dev/ttyS1")
                    .containsEntry("lane", "EXIT")
                    .containsEntry("profile", "weigh/toledo-continuous")
                    .containsEntry("model", "Mettler Toledo terminal, continuous output")
                    .containsEntry("verification.certificate", "ZJJL-SCL-2026-0042")
                    .containsEntry("verification.expires", "2027-03-31")
                    .doesNotContainKey("serial.rs485")
                    .doesNotContainKey("kind")
                    .doesNotContainKey("vendor")
                    .doesNotContainKey("description");
            assertThat(scale.property("serial.baud")).get().isInstanceOf(Integer.class);

            PlannedConfiguration anpr = config(plan, "org.nsegw.anpr.camera~anpr-gate");
            assertThat(anpr.properties())
                    .containsEntry("model", "Dahua ITC camera (ITSAPI)")
                    .containsEntry("protocol", "dahua-itsapi")
                    .containsEntry("mode", "push")
                    .containsEntry("port", 80)
                    .containsEntry("offlineAfterSeconds", 120)
                    .containsEntry("position", "gate")
                    .containsEntry("address", "192.168.20.11");

            PlannedConfiguration camera = config(plan, "org.nsegw.vision.camera~cam-exit");
            assertThat(camera.properties())
                    .containsEntry("model", "Hikvision network camera, JPEG snapshot")
                    .containsEntry("path", "/ISAPI/Streaming/channels/101/picture")
                    .containsEntry("intervalMs", 500)
                    .containsEntry("frame.maxKb", 2048)
                    .containsEntry("username", "nsegw")
                    .containsEntry("presence.mode", "anpr")
                    .containsEntry("eventCamera", "anpr-gate")
                    .doesNotContainKey("reference.cleanRoad");
            assertThat(camera.properties().get("regions.wheelZone")).isEqualTo(new String[] {"0.2,0.6", "0.87,0.6", "0.87,0.83", "0.2,0.83"});
            assertThat(camera.properties().get("regions.washArea")).isEqualTo(new String[] {"0,0.6", "0.21,0.6", "0.21,1", "0,1"});

            PlannedConfiguration cleanliness = config(plan, "org.nsegw.rules.cleanliness");
            assertThat(cleanliness.properties()).containsEntry("muddyConfidence", 0.85).containsEntry("dirtyRoadConfidence", 0.9);
            assertThat(cleanliness.properties().get("haulers")).isEqualTo(new String[] {"浙A3K725", "浙A5G219", "浙A8D031", "浙AF2206"});

            assertThat(config(plan, "org.nsegw.uplink").properties())
                    .containsEntry("broker", "ssl://mqtt.platform.example:8883")
                    .containsEntry("topicPrefix", "zj/nse")
                    .containsEntry("username", "yh-site-demo-gw1");
        }

        @Test
        void theBridgeExample() {
            String file = "edge-config/bridge-example.yaml";
            SitePlan plan = Fixtures.realCompiler().compile(file, Fixtures.read(Fixtures.bridgeExample()));
            assertThat(plan.problems()).isEmpty();
            assertThat(plan.gatewayId()).isEqualTo("hz-bridge-demo-gw1");
            Map<String, Long> perPid = plan.configurations().stream()
                    .collect(Collectors.groupingBy(PlannedConfiguration::pid, Collectors.counting()));
            assertThat(perPid).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                    Map.entry("org.nsegw.gateway", 1L), Map.entry("org.nsegw.fusion.lane", 4L), Map.entry("org.nsegw.weigh.sensor", 4L),
                    Map.entry("org.nsegw.anpr.camera", 8L), Map.entry("org.nsegw.rules.overweight", 1L), Map.entry("org.nsegw.uplink", 1L),
                    Map.entry("org.nsegw.log", 1L), Map.entry("org.nsegw.anpr.receiver", 1L), Map.entry("org.nsegw.evidence", 1L),
                    Map.entry("org.nsegw.console", 1L), Map.entry("org.nsegw.health", 1L)));
            assertThat(config(plan, SiteCompiler.HEALTH_PID).properties()).containsEntry("diskAlarmPercent", 80)
                    .containsEntry("verificationWarnDays", 30).containsEntry("clock.maxOffsetMs", 1000);
            assertThat(plan.configurations()).filteredOn(c -> c.pid().equals(SiteCompiler.LANE_PID))
                    .extracting(PlannedConfiguration::name).containsExactly("L1", "L2", "L3", "L4");
            assertThat(plan.configurations()).allSatisfy(c -> assertThat(c.properties()).containsEntry(SiteCompiler.SITE_MARKER, file));

            assertThat(config(plan, "org.nsegw.gateway").properties())
                    .containsEntry("stationCode", "3301000012")
                    .containsEntry("location.latitude", 30.209)
                    .containsEntry("location.road", "G104")
                    .containsEntry("timezone", "Asia/Shanghai");
            assertThat(config(plan, "org.nsegw.weigh.sensor~wim-L3").properties())
                    .containsEntry("serial.baud", 115200)
                    .containsEntry("protocol", "wim-record")
                    .containsEntry("accuracyClass", "5")
                    .containsEntry("timeoutSeconds", 600)
                    .containsEntry("port", "/dev/ttyUSB2")
                    .containsEntry("model", "generic WIM controller, per-vehicle ASCII record");
            assertThat(config(plan, "org.nsegw.anpr.camera~anpr-L2-front").properties())
                    .containsEntry("distanceM", -25.0)
                    .containsEntry("lane", "L2")
                    .containsEntry("model", "Hikvision ANPR camera (ISAPI)");
            assertThat(config(plan, "org.nsegw.anpr.camera~anpr-L4-rear").properties()).containsEntry("distanceM", 18.0);
            assertThat(config(plan, "org.nsegw.rules.overweight").properties())
                    .containsEntry("postedLimitKg", 40000)
                    .containsEntry("tolerancePercent", 5.0)
                    .containsEntry("enforcementCode", "");
            assertThat(config(plan, "org.nsegw.uplink").properties()).containsEntry("tls.caFile", "/etc/nsegw/platform-ca.pem");
            assertThat(config(plan, "org.nsegw.log").properties()).containsEntry("level", "INFO");
        }

        @Test
        void fiveMistakesGiveFiveProblemsInLineOrder() {
            String text = Fixtures.read(Fixtures.fiveMistakes());
            SitePlan plan = Fixtures.realCompiler().compile("five-mistakes.yaml", text);
            assertThat(plan.isValid()).isFalse();
            assertThat(plan.configurations()).isEmpty();

            List<Integer> mistakeLines = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("# mistake ")) {
                    mistakeLines.add(i + 1);
                }
            }
            assertThat(mistakeLines).hasSize(5);
            assertThat(plan.problems()).extracting(p -> p.location().line()).containsExactlyElementsOf(mistakeLines);
            assertThat(plan.problems()).extracting(p -> p.location().file()).containsOnly("five-mistakes.yaml");

            List<String> messages = plan.problems().stream().map(Problem::message).toList();
            assertThat(messages.get(0)).isEqualTo("duplicate lane id 'L2' (first defined at line 10)");
            assertThat(messages.get(1)).isEqualTo("device 'wim-L1': serial.baud must be a whole number, not 'fast'");
            assertThat(messages.get(2)).startsWith("device 'anpr-L1-front': profile 'anpr/hikvison-isapi' not found in ")
                    .contains("available: " + String.join(", ", Fixtures.realProfiles().ids()))
                    .endsWith("(did you mean 'anpr/hikvision-isapi'?)");
            assertThat(messages.get(3)).isEqualTo("limits: unknown key 'postedLimtKg'; allowed here: postedLimitKg, "
                    + "laneLimitsKg, tolerancePercent, plateReadsForCase, enforcementCode (did you mean 'postedLimitKg'?)");
            assertThat(messages.get(4)).isEqualTo("limits: tolerancePercent is 55, out of range; allowed from -1 to 20");
            assertThat(plan.problems().get(1).location()).isEqualTo(new Location("five-mistakes.yaml", 19, 13));
            assertThat(plan.problems().get(1).toString())
                    .isEqualTo("five-mistakes.yaml:19:13: device 'wim-L1': serial.baud must be a whole number, not 'fast'");
        }

        @Test
        void theSmallestSite() {
            SitePlan plan = valid(GATEWAY);
            assertThat(plan.gatewayId()).isEqualTo("gw1");
            assertThat(plan.configurations()).extracting(PlannedConfiguration::displayId)
                    .as("the gateway, evidence with its defaults (every gateway signs its evidence) and the installer console")
                    .containsExactly("org.nsegw.gateway", "org.nsegw.evidence", "org.nsegw.console");
            assertThat(plan.configurations().get(0)).satisfies(c -> {
                assertThat(c.properties()).containsExactly(Map.entry("id", "gw1"), Map.entry("stationCode", "3301000001"),
                        Map.entry("location.latitude", 30.2), Map.entry("location.longitude", 120.2),
                        Map.entry(SiteCompiler.SITE_MARKER, FILE));
            });
        }
    }

    @Nested
    class DeviceSettings {

        @Test
        void aDeviceEntryOverridesItsProfile() {
            SitePlan plan = valid(SCALE + "    serial:\n      baud: 19200\n    units: t\n    timeoutSeconds: 30\n");
            assertThat(config(plan, "org.nsegw.weigh.sensor~scale").properties())
                    .containsEntry("serial.baud", 19200)
                    .as("the rest of serial still comes from the profile")
                    .containsEntry("serial.dataBits", 7)
                    .containsEntry("serial.parity", "even")
                    .containsEntry("units", "t")
                    .containsEntry("timeoutSeconds", 30);
        }

        @Test
        void aDeviceMayNameItsOwnModel() {
            SitePlan plan = valid(SCALE + "    model: IND570 (rebadged)\n");
            assertThat(config(plan, "org.nsegw.weigh.sensor~scale").properties()).containsEntry("model", "IND570 (rebadged)");
        }

        @Test
        void dottedKeysWorkLikeNestedOnes() {
            SitePlan plan = valid(SCALE + "    serial.baud: 4800\n");
            assertThat(config(plan, "org.nsegw.weigh.sensor~scale").properties()).containsEntry("serial.baud", 4800);
        }

        @Test
        void anOverrideIsCheckedAgainstTheMetatype() {
            Problem p = onlyProblem(SCALE + "    serial:\n      parity: evn\n");
            assertThat(p.location()).isEqualTo(at(13, 15));
            assertThat(p.message()).isEqualTo("device 'scale': serial.parity is 'evn'; allowed: none, even, odd, mark, space (did you mean 'even'?)");
        }

        @Test
        void theDeviceComponentDependsOnTheProfileKind() {
            SitePlan plan = valid(SCALE + """
                      - id: cam
                        profile: camera/hikvision-snapshot
                        lane: L1
                        regions:
                          wheelZone: ["0.2,0.6", "0.87,0.6", "0.87,0.83", "0.2,0.83"]
                          bodyZone: ["0.2,0.22", "0.74,0.22", "0.74,0.43"]
                          roadZone: ["0.3,0.85", "0.98,0.85", "0.98,0.99"]
                      - id: anpr
                        profile: anpr/hikvision-isapi
                        lane: L1
                        position: rear
                        address: 10.0.0.1
                        distanceM: 18
                    """);
            assertThat(plan.configurations()).extracting(PlannedConfiguration::displayId).containsExactly(
                    "org.nsegw.gateway", "org.nsegw.fusion.lane~L1", "org.nsegw.weigh.sensor~scale",
                    "org.nsegw.vision.camera~cam", "org.nsegw.anpr.camera~anpr", "org.nsegw.anpr.receiver", "org.nsegw.evidence", "org.nsegw.console");
            assertThat(valid(SCALE).configurations()).as("no cameras, no receiver")
                    .noneMatch(c -> c.pid().equals(SiteCompiler.CAMERA_RECEIVER_PID));
        }

        @Test
        void requiredKeysMayComeFromTheProfile() {
            // The Toledo profile gives protocol and accuracyClass, which the weigh sensor requires.
            SitePlan plan = valid(SCALE);
            assertThat(config(plan, "org.nsegw.weigh.sensor~scale").properties()).containsKeys("protocol", "accuracyClass");
        }

        @Test
        void aMappingForAListOfTextBecomesKeyValueItems() {
            SitePlan plan = valid(GATEWAY + """
                    limits:
                      laneLimitsKg:
                        L4: 30000
                        L1: 25000
                    logging:
                      levels: {org.nsegw.weigh: DEBUG}
                      console: false
                    """);
            assertThat(config(plan, "org.nsegw.rules.overweight").properties().get("laneLimitsKg"))
                    .isEqualTo(new String[] {"L4=30000", "L1=25000"});
            assertThat(config(plan, "org.nsegw.log").properties().get("levels")).isEqualTo(new String[] {"org.nsegw.weigh=DEBUG"});
            assertThat(config(plan, "org.nsegw.log").properties()).containsEntry("console", false);
        }

        @Test
        void thePlateReadsACaseNeedsAreALimitsKey() {
            SitePlan plan = valid(GATEWAY + """
                    limits:
                      plateReadsForCase: 1
                    """);
            assertThat(config(plan, "org.nsegw.rules.overweight").properties()).containsEntry("plateReadsForCase", 1);
            assertThat(onlyProblem(GATEWAY + "limits: {plateReadsForCase: 4}\n").message())
                    .isEqualTo("limits: plateReadsForCase is 4, out of range; allowed from 1 to 3");
        }
    }

    @Nested
    class Sections {

        @Test
        void anUnknownSectionListsTheSectionsAndSuggestsOne() {
            Problem p = onlyProblem(GATEWAY + "devcies: []\n");
            assertThat(p.location()).isEqualTo(at(5, 1));
            assertThat(p.message()).isEqualTo(
                    "unknown section 'devcies'; allowed: gateway, lanes, devices, limits, cleanliness, cameraReceiver, evidence, uplink, logging, console, remote, health (did you mean 'devices'?)");
        }

        @Test
        void anUnknownSectionWithoutSuggestion() {
            assertThat(onlyProblem(GATEWAY + "weather: sunny\n").message())
                    .isEqualTo("unknown section 'weather'; allowed: gateway, lanes, devices, limits, cleanliness, cameraReceiver, evidence, uplink, logging, console, remote, health");
        }

        @Test
        void aDuplicateSectionIsReportedAtItsSecondKey() {
            Problem p = onlyProblem(GATEWAY + "logging:\n  level: INFO\nlogging:\n  level: DEBUG\n");
            assertThat(p.location()).isEqualTo(at(7, 1));
            assertThat(p.message()).isEqualTo("duplicate section 'logging'");
        }

        @Test
        void aDuplicateGatewayIsReportedOnce() {
            List<Problem> problems = problems(GATEWAY + GATEWAY);
            assertThat(problems).extracting(Problem::message).containsExactly("duplicate section 'gateway'");
            assertThat(problems.get(0).location()).isEqualTo(at(5, 1));
        }

        @Test
        void theGatewaySectionIsRequired() {
            Problem p = onlyProblem("logging:\n  level: INFO\n");
            assertThat(p.message()).isEqualTo("missing required section 'gateway'");
            assertThat(p.location()).isEqualTo(at(1, 1));
        }

        @Test
        void theInstallerConsoleRunsOnLoopbackUnlessTheFileSaysOtherwise() {
            PlannedConfiguration defaults = config(valid(GATEWAY), SiteCompiler.CONSOLE_PID);
            assertThat(defaults.properties()).as("the metatype's defaults apply").containsOnlyKeys(SiteCompiler.SITE_MARKER);
            SiteCompiler compiler = Fixtures.realCompiler();
            assertThat(compiler.defaultValue(SiteCompiler.CONSOLE_PID, "enabled")).hasValue("true");
            assertThat(compiler.defaultValue(SiteCompiler.CONSOLE_PID, "bindAddress")).hasValue("127.0.0.1");
            assertThat(compiler.defaultValue(SiteCompiler.CONSOLE_PID, "port")).hasValue("8443");

            PlannedConfiguration set = config(valid(GATEWAY + """
                    console:
                      bindAddress: 192.168.50.2
                      port: 9443
                      sessionMinutes: 60
                      tls: {certFile: /etc/nsegw/console.pem, keyFile: /etc/nsegw/console-key.pem}
                    """), SiteCompiler.CONSOLE_PID);
            assertThat(set.property("bindAddress")).hasValue("192.168.50.2");
            assertThat(set.property("port")).hasValue(9443);
            assertThat(set.property("tls.keyFile")).hasValue("/etc/nsegw/console-key.pem");
            assertThat(config(valid(GATEWAY + "console:\n  enabled: false\n"), SiteCompiler.CONSOLE_PID).property("enabled"))
                    .hasValue(false);
            assertThat(config(valid(GATEWAY + "console:\n  bindAddress: \"fe80::1\"\n"), SiteCompiler.CONSOLE_PID)
                    .property("bindAddress")).hasValue("fe80::1");
        }

        @Test
        void aGatewayWithoutTheConsoleBundleGetsNoConsoleButRefusesASectionForIt() {
            Map<String, ConfigSchema> withoutConsole = new HashMap<>(Fixtures.realSchemas());
            withoutConsole.remove(SiteCompiler.CONSOLE_PID);
            SiteCompiler compiler = new SiteCompiler(withoutConsole, Fixtures.realProfiles());
            SitePlan plan = compiler.compile(FILE, GATEWAY);
            assertThat(plan.problems()).isEmpty();
            assertThat(plan.configurations()).noneMatch(c -> c.pid().equals(SiteCompiler.CONSOLE_PID));
            assertThat(compiler.compile(FILE, GATEWAY + "console:\n  port: 9443\n").problems()).singleElement()
                    .extracting(Problem::message).isEqualTo("console needs the component org.nsegw.console, which is not installed");
        }

        @Test
        void consoleMistakesAreSaidWithTheFix() {
            Problem name = onlyProblem(GATEWAY + "console:\n  bindAddress: gateway.local\n");
            assertThat(name.message()).startsWith("console: bindAddress 'gateway.local' is not an IP address; give one of");
            assertThat(name.location()).isEqualTo(at(6, 16));
            assertThat(onlyProblem(GATEWAY + "console:\n  bindAddress: 192.168.1.300\n").message())
                    .contains("'192.168.1.300' is not an IP address");
            assertThat(onlyProblem(GATEWAY + "console:\n  tls: {certFile: /etc/c.pem}\n").message())
                    .isEqualTo("console: give both tls.certFile and tls.keyFile (a certificate and its key), or neither for the "
                            + "certificate the gateway makes itself");
            assertThat(onlyProblem(GATEWAY + "console:\n  port: 70000\n").message()).contains("port", "65535");
            assertThat(onlyProblem(GATEWAY + "console:\n  pasword: secret\n").message())
                    .startsWith("console: unknown key 'pasword'").doesNotContain("secret");
        }

        @Test
        void theIpAddressCheckTakesNoNames() {
            assertThat(SiteCompiler.isIpAddress("127.0.0.1")).isTrue();
            assertThat(SiteCompiler.isIpAddress("0.0.0.0")).isTrue();
            assertThat(SiteCompiler.isIpAddress("::1")).isTrue();
            assertThat(SiteCompiler.isIpAddress("256.1.1.1")).isFalse();
            assertThat(SiteCompiler.isIpAddress("1.2.3")).isFalse();
            assertThat(SiteCompiler.isIpAddress("localhost")).isFalse();
            assertThat(SiteCompiler.isIpAddress("::g")).isFalse();
        }

        @Test
        void emptySectionsTakeTheDefaults() {
            SitePlan plan = valid(GATEWAY + "lanes:\ndevices:\nlimits:\ncleanliness:\nuplink:\nlogging:\nconsole:\n");
            assertThat(plan.configurations()).extracting(PlannedConfiguration::displayId)
                    .containsExactly("org.nsegw.gateway", "org.nsegw.evidence", "org.nsegw.console");
        }

        @Test
        void theEvidenceSectionConfiguresTheEvidenceComponent() {
            SitePlan plan = valid(GATEWAY + """
                    evidence:
                      signing: {algorithm: SM2}
                      outbox: {quotaMb: 2048}
                      outcomes: [VIOLATION, REVIEW]
                    """);
            PlannedConfiguration evidence = config(plan, SiteCompiler.EVIDENCE_PID);
            assertThat(evidence.property("signing.algorithm")).hasValue("SM2");
            assertThat(evidence.property("outbox.quotaMb")).hasValue(2048);
            assertThat(evidence.property("outcomes").map(v -> List.of((String[]) v))).hasValue(List.of("VIOLATION", "REVIEW"));
            assertThat(messages(GATEWAY + "evidence:\n  signing: {algorithm: RSA}\n")).singleElement().asString()
                    .startsWith("evidence: signing.algorithm is 'RSA'");
        }

        @Test
        void anEmptyGatewaySectionIsNotAMapping() {
            assertThat(messages("gateway:\n")).containsExactly("gateway must be a mapping of keys to values, not nothing");
        }

        @Test
        void sectionsMustBeMappings() {
            List<Problem> problems = problems(GATEWAY + "limits: [1, 2]\nuplink: ssl://x\n");
            assertThat(problems).extracting(Problem::message).containsExactly(
                    "limits must be a mapping of keys to values, not a list",
                    "uplink must be a mapping of keys to values, not 'ssl://x'");
            assertThat(problems).extracting(Problem::location).containsExactly(at(5, 9), at(6, 9));
        }

        @Test
        void lanesAndDevicesMustBeLists() {
            List<Problem> problems = problems(GATEWAY + "lanes:\n  id: L1\ndevices: wim\n");
            assertThat(problems).extracting(Problem::message).containsExactly(
                    "lanes must be a list (items starting with '- '), not a mapping",
                    "devices must be a list (items starting with '- '), not 'wim'");
            assertThat(problems).extracting(Problem::location).containsExactly(at(6, 3), at(7, 10));
        }

        @Test
        void itemsMustBeMappings() {
            List<Problem> problems = problems(GATEWAY + "lanes:\n  - L1\n  - [L2]\ndevices:\n  - wim-L1\n");
            assertThat(problems).extracting(Problem::message).containsExactly(
                    "each item of lanes must be a mapping with an id, not 'L1'",
                    "each item of lanes must be a mapping with an id, not a list",
                    "each item of devices must be a mapping with an id, not 'wim-L1'");
            assertThat(problems).extracting(p -> p.location().line()).containsExactly(6, 7, 9);
        }
    }

    @Nested
    class Keys {

        @Test
        void anUnknownKeyListsTheKeysAllowedAtItsLevel() {
            Problem p = onlyProblem(GATEWAY + "uplink:\n  broker: tcp://h:1883\n  topicprefix: x\n");
            assertThat(p.location()).isEqualTo(at(7, 3));
            assertThat(p.message()).isEqualTo("uplink: unknown key 'topicprefix'; allowed here: broker, clientId, topicPrefix, "
                    + "mqttVersion, username, password, keepAliveSeconds, sessionExpirySeconds, maxChunkKb, ackTimeoutSeconds, heartbeatSeconds, tls (did you mean 'topicPrefix'?)");
        }

        @Test
        void anUnknownNestedKeyListsTheKeysOfItsGroup() {
            Problem p = onlyProblem(SCALE + "    serial:\n      bawd: 9600\n");
            assertThat(p.location()).isEqualTo(at(13, 7));
            assertThat(p.message()).isEqualTo("device 'scale': unknown key 'bawd' in 'serial'; allowed here: baud, dataBits, "
                    + "parity, stopBits, rs485 (did you mean 'baud'?)");
        }

        @Test
        void anUnknownKeyInTheGateway() {
            Problem p = onlyProblem(GATEWAY + "  locaton: x\n");
            assertThat(p.message()).isEqualTo("gateway: unknown key 'locaton'; allowed here: id, name, stationCode, location, timezone "
                    + "(did you mean 'location'?)");
        }

        @Test
        void aGroupGivenAsASingleValueIsNotCalledUnknown() {
            Problem p = onlyProblem(SCALE + "    serial: 9600\n");
            assertThat(p.location()).isEqualTo(at(12, 13));
            assertThat(p.message()).isEqualTo("device 'scale': 'serial' must be a mapping of keys to values "
                    + "(allowed: baud, dataBits, parity, stopBits, rs485), not 9600");
        }

        @Test
        void otherGroupsGivenSomethingElse() {
            List<Problem> problems = problems(GATEWAY.replace("location: {latitude: 30.2, longitude: 120.2}", "location: [30.2, 120.2]")
                    + "uplink:\n  broker: tcp://h:1883\n  tls: /etc/ca.pem\n");
            assertThat(problems).extracting(Problem::message).containsExactly(
                    "gateway: missing required key 'location.latitude' (WGS-84 latitude in degrees)",
                    "gateway: missing required key 'location.longitude' (WGS-84 longitude in degrees)",
                    "gateway: 'location' must be a mapping of keys to values (allowed: latitude, longitude, road, description), not a list",
                    "uplink: 'tls' must be a mapping of keys to values (allowed: caFile, certFile, keyFile), not '/etc/ca.pem'");
            assertThat(messages(SCALE + "    verification:\n")).containsExactly(
                    "device 'scale': 'verification' must be a mapping of keys to values (allowed: certificate, expires), not nothing");
        }

        @Test
        void aNestedMappingWhereAValueBelongsIsAWrongType() {
            Problem p = onlyProblem(SCALE.replace("port: /dev/ttyS0", "port: {name: ttyS0}"));
            assertThat(p.message()).isEqualTo("device 'scale': port must be a single value (text), not a mapping");
        }

        @Test
        void aDuplicateKeyIsReportedAtItsSecondOccurrence() {
            Problem p = onlyProblem(SCALE + "    port: /dev/ttyS1\n");
            assertThat(p.location()).isEqualTo(at(12, 5));
            assertThat(p.message()).isEqualTo("device 'scale': duplicate key 'port'");
        }

        @Test
        void aDuplicateNestedKeyNamesTheWholeProperty() {
            Problem p = onlyProblem(GATEWAY.replace("location: {latitude: 30.2, longitude: 120.2}",
                    "location: {latitude: 30.2, longitude: 120.2, latitude: 31}"));
            assertThat(p.message()).isEqualTo("gateway: duplicate key 'location.latitude'");
            assertThat(p.location()).isEqualTo(at(4, 48));
        }

        @Test
        void aPropertyGivenDottedAndNestedIsADuplicate() {
            Problem p = onlyProblem(SCALE + "    serial.baud: 1200\n    serial: {baud: 2400}\n");
            assertThat(p.message()).isEqualTo("device 'scale': duplicate key 'serial.baud'");
            assertThat(p.location()).isEqualTo(at(13, 14));
            Problem reversed = onlyProblem(SCALE + "    serial:\n      baud: 2400\n    serial.baud: 1200\n");
            assertThat(reversed.message()).isEqualTo("device 'scale': duplicate key 'serial.baud'");
            assertThat(reversed.location()).isEqualTo(at(14, 5));
        }

        @Test
        void aDottedKeyOverridesANestedOneOfTheProfile() {
            SitePlan plan = valid(SCALE + "    serial.baud: 1200\n");
            assertThat(config(plan, "org.nsegw.weigh.sensor~scale").properties()).containsEntry("serial.baud", 1200)
                    .containsEntry("serial.dataBits", 7);
        }

        @Test
        void aDuplicateKeyInALane() {
            assertThat(messages(GATEWAY + "lanes:\n  - {id: L1, name: a, name: b}\n"))
                    .containsExactly("lane 'L1': duplicate key 'name'");
        }
    }

    @Nested
    class Ids {

        @Test
        void duplicateLaneIdsNameTheFirstLine() {
            Problem p = onlyProblem(GATEWAY + "lanes:\n  - id: L1\n  - id: L2\n  - {name: x, id: L1}\n");
            assertThat(p.message()).isEqualTo("duplicate lane id 'L1' (first defined at line 6)");
            assertThat(p.location()).isEqualTo(at(8, 19));
        }

        @Test
        void duplicateDeviceIdsNameTheFirstLine() {
            Problem p = onlyProblem(SCALE + """
                      - id: scale
                        profile: weigh/toledo-continuous
                        lane: L1
                        port: /dev/ttyS2
                    """);
            assertThat(p.message()).isEqualTo("duplicate device id 'scale' (first defined at line 8)");
            assertThat(p.location()).isEqualTo(at(12, 9));
        }

        @Test
        void aLaneAndADeviceMayShareAnId() {
            valid(SCALE.replace("id: scale", "id: L1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"'has space'", "-lead", ".lead", "_lead", "semi;colon", "a/b", "'ü'", "'L1 '", "''"})
        void idsAreLettersDigitsDotsUnderscoresAndDashes(String id) {
            List<Problem> problems = problems(GATEWAY + "lanes:\n  - id: " + id + "\n");
            String text = id.startsWith("'") ? id.substring(1, id.length() - 1) : id;
            assertThat(problems).extracting(Problem::message)
                    .contains("lane '" + text + "': id '" + text + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            assertThat(problems).extracting(Problem::location).contains(at(6, 9));
        }

        @Test
        void idsMayHave64Characters() {
            String longest = "a".repeat(64);
            SitePlan plan = valid(GATEWAY + "lanes:\n  - id: " + longest + "\n  - id: 0.L_1-x\n");
            assertThat(plan.configurations()).extracting(PlannedConfiguration::name).contains(longest, "0.L_1-x");
            assertThat(messages(GATEWAY + "lanes:\n  - id: " + longest + "b\n")).singleElement().asString()
                    .contains("must be 1 to 64 letters");
        }

        @Test
        void aBadGatewayId() {
            Problem p = onlyProblem(GATEWAY.replace("id: gw1", "id: gw 1"));
            assertThat(p.message()).isEqualTo("gateway: id 'gw 1' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            assertThat(p.location()).isEqualTo(at(2, 7));
        }

        @Test
        void aNumericIdIsTextAsWritten() {
            SitePlan plan = valid(GATEWAY + "lanes:\n  - id: 01\n");
            assertThat(plan.configurations()).extracting(PlannedConfiguration::displayId).contains("org.nsegw.fusion.lane~01");
        }
    }

    @Nested
    class RequiredKeys {

        @Test
        void aMissingRequiredKeyIsReportedAtItsMappingWithTheDescription() {
            Problem p = onlyProblem("gateway:\n  id: gw1\n  location: {latitude: 30.2, longitude: 120.2}\n");
            assertThat(p.location()).isEqualTo(at(2, 3));
            assertThat(p.message()).isEqualTo("gateway: missing required key 'stationCode' (the enforcement platform's code "
                    + "of this detection station (检测站点编码); it starts every case id)");
        }

        @Test
        void aMissingNestedKeyIsNamedInFull() {
            assertThat(messages("gateway:\n  id: gw1\n  stationCode: x\n  location: {latitude: 30.2}\n"))
                    .containsExactly("gateway: missing required key 'location.longitude' (WGS-84 longitude in degrees)");
        }

        @Test
        void aMissingKeyOfASection() {
            assertThat(messages(GATEWAY + "uplink:\n  topicPrefix: x\n"))
                    .containsExactly("uplink: missing required key 'broker' (the broker URL: tcp://host:1883 or ssl://host:8883)");
        }

        @Test
        void aDeviceWithoutIdIsNamedByItsLine() {
            List<String> messages = messages(SCALE.replace("  - id: scale\n    profile", "  - profile"));
            assertThat(messages).containsExactly("device at line 8 of devices: missing required key 'id' "
                    + "(unique id of the device on this gateway, e.g. wim-L1)");
        }

        @Test
        void aDeviceWithoutPortOrLane() {
            List<Problem> problems = problems(SCALE.replace("    lane: L1\n", "").replace("    port: /dev/ttyS0\n", ""));
            assertThat(problems).extracting(Problem::message).containsExactly(
                    "device 'scale': missing required key 'lane' (the lane the sensor is in)",
                    "device 'scale': missing required key 'port' (the port the sensor is connected to, e.g. /dev/ttyUSB0)");
            assertThat(problems).extracting(Problem::location).containsOnly(at(8, 5));
        }

        @Test
        void aLaneWithoutId() {
            assertThat(messages(GATEWAY + "lanes:\n  - name: north\n"))
                    .containsExactly("lane at line 6 of lanes: missing required key 'id' (unique id of the lane on this gateway, e.g. L1)");
        }

        @Test
        void aKeyWithoutValueIsNotMissingButEmpty() {
            assertThat(messages(SCALE.replace("port: /dev/ttyS0", "port:")))
                    .containsExactly("device 'scale': port has no value; give text or remove the key");
        }
    }

    @Nested
    class Profiles {

        @Test
        void aDeviceWithoutProfileListsTheProfiles() {
            Problem p = onlyProblem(SCALE.replace("    profile: weigh/toledo-continuous\n", ""));
            assertThat(p.location()).isEqualTo(at(8, 5));
            assertThat(p.message()).isEqualTo("device 'scale': missing required key 'profile' (the device model, e.g. "
                    + "weigh/toledo-continuous); available: " + String.join(", ", Fixtures.realProfiles().ids()));
        }

        @Test
        void anEmptyProfileIsMissing() {
            Problem p = onlyProblem(SCALE.replace("profile: weigh/toledo-continuous", "profile:"));
            assertThat(p.location()).isEqualTo(at(9, 13));
            assertThat(p.message()).startsWith("device 'scale': missing required key 'profile'");
        }

        @Test
        void anUnknownProfileSuggestsTheClosest() {
            Problem p = onlyProblem(SCALE.replace("weigh/toledo-continuous", "weigh/toledo"));
            assertThat(p.location()).isEqualTo(at(9, 14));
            assertThat(p.message()).isEqualTo("device 'scale': profile 'weigh/toledo' not found in " + Fixtures.profilesDir()
                    + "; available: " + String.join(", ", Fixtures.realProfiles().ids()));
            assertThat(onlyProblem(SCALE.replace("weigh/toledo-continuous", "weigh/toledo-continous")).message())
                    .endsWith("(did you mean 'weigh/toledo-continuous'?)");
        }

        @Test
        void withoutProfilesTheMessageSaysWhereToGetThem() {
            SiteCompiler compiler = new SiteCompiler(Fixtures.realSchemas(), DeviceProfiles.of("/nowhere", Map.of(), Map.of()));
            SitePlan plan = compiler.compile(FILE, SCALE);
            assertThat(plan.problems()).extracting(Problem::message).containsExactly(
                    "device 'scale': profile 'weigh/toledo-continuous' not found in /nowhere (no profiles there; give --profiles DIR); available: none");
        }

        private SitePlan withProfiles(Map<String, String> texts, String site) {
            Map<String, String> files = new HashMap<>();
            texts.keySet().forEach(id -> files.put(id, "profiles/" + id + ".yaml"));
            return new SiteCompiler(Fixtures.realSchemas(), DeviceProfiles.of("profiles", texts, files)).compile(FILE, site);
        }

        private static final String TWO_SCALES = GATEWAY + """
                lanes:
                  - id: L1
                devices:
                  - id: s1
                    profile: weigh/broken
                    lane: L1
                    port: /dev/ttyS0
                  - id: s2
                    profile: weigh/broken
                    lane: L1
                    port: /dev/ttyS1
                """;

        @Test
        void aProfileWithProblemsReportsThemOnceAndEveryDeviceUsingIt() {
            SitePlan plan = withProfiles(Map.of("weigh/broken", "kind: weigh\nmodel: X\nprotocol: toledo-continuous\naccuracyClass: III\n"),
                    TWO_SCALES);
            assertThat(plan.problems()).extracting(Problem::toString).containsExactly(
                    "profiles/weigh/broken.yaml:1:1: missing required key 'vendor' in device profile",
                    "site.yaml:9:14: device 's1': profile 'weigh/broken' cannot be used until its problems are fixed",
                    "site.yaml:13:14: device 's2': profile 'weigh/broken' cannot be used until its problems are fixed");
            assertThat(plan.configurations()).isEmpty();
        }

        @Test
        void badSettingsInAProfileAreReportedInTheProfileOnce() {
            SitePlan plan = withProfiles(Map.of("weigh/broken", """
                    kind: weigh
                    vendor: V
                    model: M
                    protocol: toledo-continuous
                    accuracyClass: III
                    serial:
                      baud: fast
                      speed: 3
                    """), TWO_SCALES);
            assertThat(plan.problems()).extracting(Problem::toString).containsExactly(
                    "profiles/weigh/broken.yaml:7:9: profile 'weigh/broken': serial.baud must be a whole number, not 'fast'",
                    "profiles/weigh/broken.yaml:8:3: profile 'weigh/broken': unknown key 'speed' in 'serial'; allowed here: "
                            + "baud, dataBits, parity, stopBits, rs485");
        }

        @Test
        void aProfileSettingIsCheckedWhereItIsUsed() {
            Map<String, String> texts = Map.of("weigh/broken", "kind: weigh\nvendor: V\nmodel: M\nprotocol: toledo-continuous\n"
                    + "accuracyClass: III\nunits: stone\n");
            SitePlan oneOverrides = withProfiles(texts, TWO_SCALES.replace("port: /dev/ttyS1\n", "port: /dev/ttyS1\n    units: kg\n"));
            assertThat(oneOverrides.problems()).extracting(Problem::toString).containsExactly(
                    "profiles/weigh/broken.yaml:6:8: profile 'weigh/broken': units is 'stone'; allowed: kg, t, lb");
            SitePlan bothOverride = withProfiles(texts, TWO_SCALES.replace("/dev/ttyS0\n", "/dev/ttyS0\n    units: kg\n")
                    .replace("/dev/ttyS1\n", "/dev/ttyS1\n    units: t\n"));
            assertThat(bothOverride.problems()).isEmpty();
        }

        @Test
        void aProfileInTheWrongKindFolder() {
            SitePlan plan = withProfiles(Map.of("anpr/broken", "kind: weigh\nvendor: V\nmodel: M\n"),
                    TWO_SCALES.replace("weigh/broken", "anpr/broken"));
            assertThat(plan.problems()).extracting(Problem::toString).startsWith(
                    "profiles/anpr/broken.yaml:1:7: a profile of kind 'weigh' belongs in the folder 'weigh/', not in 'anpr/'");
            assertThat(plan.problems()).hasSize(3);
        }

        @Test
        void aProfileCannotSetTheKeysOfEachDevice() {
            // With an id in the profile, a device without one passed the required-key check and silently got no
            // configuration; a lane in the profile was never checked against the lanes.
            SitePlan plan = withProfiles(Map.of("weigh/broken", "kind: weigh\nvendor: V\nmodel: M\nprotocol: xk3190\n"
                    + "accuracyClass: III\nid: from-profile\nlane: L99\nprofile: weigh/other\nport: /dev/ttyS3\n"),
                    TWO_SCALES.replace("  - id: s2\n    profile", "  - profile"));
            assertThat(plan.problems()).extracting(Problem::toString).containsExactly(
                    "profiles/weigh/broken.yaml:6:1: profile 'weigh/broken': 'id' is set by each device in the site file, not by its profile",
                    "profiles/weigh/broken.yaml:7:1: profile 'weigh/broken': 'lane' is set by each device in the site file, not by its profile",
                    "profiles/weigh/broken.yaml:8:1: profile 'weigh/broken': 'profile' is set by each device in the site file, not by its profile");
        }

        @Test
        void theModelComesFromVendorAndModelOfTheProfile() {
            SitePlan plan = withProfiles(Map.of("weigh/broken", "kind: weigh\nvendor: \" ACME \"\nmodel: ''\nprotocol: xk3190\n"
                    + "accuracyClass: III\n"), TWO_SCALES);
            assertThat(plan.problems()).isEmpty();
            assertThat(config(plan, "org.nsegw.weigh.sensor~s1").properties()).containsEntry("model", "ACME");
        }
    }

    @Nested
    class LaneReferences {

        @Test
        void aDeviceInAnUndefinedLaneListsTheDefinedOnes() {
            Problem p = onlyProblem(SCALE.replace("lane: L1", "lane: L2").replace("  - id: L1\n", "  - id: L1\n  - id: L3\n"));
            assertThat(p.location()).isEqualTo(at(11, 11));
            assertThat(p.message()).isEqualTo("device 'scale': lane 'L2' is not defined in lanes; defined: L1, L3 (did you mean 'L1'?)");
        }

        @Test
        void withoutLanesTheMessageSaysThereAreNone() {
            Problem p = onlyProblem(SCALE.replace("lanes:\n  - id: L1\n", ""));
            assertThat(p.message()).isEqualTo("device 'scale': lane 'L1' is not defined in lanes (there are none)");
        }

        @Test
        void laneIdsAreCaseSensitive() {
            assertThat(onlyProblem(SCALE.replace("lane: L1", "lane: l1")).message())
                    .isEqualTo("device 'scale': lane 'l1' is not defined in lanes; defined: L1 (did you mean 'L1'?)");
        }

        @Test
        void devicesMayComeBeforeLanes() {
            valid(GATEWAY + """
                    devices:
                      - id: scale
                        profile: weigh/toledo-continuous
                        lane: L1
                        port: /dev/ttyS0
                    lanes:
                      - id: L1
                    """);
        }

        @Test
        void everyDeviceReferenceIsCheckedEvenOfDevicesWithTheSameId() {
            List<Problem> problems = problems(SCALE.replace("lane: L1", "lane: X9") + """
                      - id: scale
                        profile: weigh/toledo-continuous
                        lane: L1
                        port: /dev/ttyS2
                    """);
            assertThat(problems).extracting(Problem::message).containsExactly(
                    "device 'scale': lane 'X9' is not defined in lanes; defined: L1",
                    "duplicate device id 'scale' (first defined at line 8)");
            assertThat(problems).extracting(p -> p.location().line()).containsExactly(10, 12);
        }
    }

    @Nested
    class VerificationDates {

        @ParameterizedTest
        @ValueSource(strings = {"2027-06-30", "2028-02-29", "'2027-01-01'"})
        void realDatesAreAccepted(String date) {
            SitePlan plan = valid(SCALE + "    verification: {certificate: C-1, expires: " + date + "}\n");
            assertThat(config(plan, "org.nsegw.weigh.sensor~scale").properties())
                    .containsEntry("verification.expires", date.replace("'", ""));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2027-02-29", "2027-13-01", "2027-6-30", "30.06.2027", "2027/06/30", "next year", "''", "2027-06-30T00:00"})
        void otherTextIsNotADate(String date) {
            Problem p = onlyProblem(SCALE + "    verification:\n      expires: " + date + "\n");
            assertThat(p.location()).isEqualTo(at(13, 16));
            assertThat(p.message()).isEqualTo("device 'scale': verification.expires '" + date.replace("'", "")
                    + "' is not a date; write it as YYYY-MM-DD, e.g. 2027-06-30");
        }

        @Test
        void aDateInTheProfileIsCheckedToo() {
            Map<String, String> texts = Map.of("weigh/dated", "kind: weigh\nvendor: V\nmodel: M\nprotocol: xk3190\naccuracyClass: III\n"
                    + "verification:\n  expires: soon\n");
            SitePlan plan = new SiteCompiler(Fixtures.realSchemas(), DeviceProfiles.of("p", texts, Map.of()))
                    .compile(FILE, SCALE.replace("weigh/toledo-continuous", "weigh/dated"));
            assertThat(plan.problems()).extracting(Problem::toString).containsExactly(
                    "weigh/dated.yaml:7:12: profile 'weigh/dated': verification.expires 'soon' is not a date; write it as YYYY-MM-DD, e.g. 2027-06-30");
        }
    }

    @Nested
    class Components {

        private SitePlan without(String pid, String site) {
            Map<String, ConfigSchema> schemas = new HashMap<>(Fixtures.realSchemas());
            schemas.remove(pid);
            return new SiteCompiler(schemas, Fixtures.realProfiles()).compile(FILE, site);
        }

        @Test
        void aSectionForAComponentThatIsNotInstalled() {
            SitePlan plan = without(SiteCompiler.UPLINK_PID, GATEWAY + "uplink:\n  broker: tcp://h:1883\n");
            assertThat(plan.problems()).extracting(Problem::toString)
                    .containsExactly("site.yaml:6:3: uplink needs the component org.nsegw.uplink, which is not installed");
        }

        @Test
        void aDeviceWhoseComponentIsNotInstalled() {
            SitePlan plan = without("org.nsegw.weigh.sensor", SCALE);
            assertThat(plan.problems()).extracting(Problem::toString)
                    .containsExactly("site.yaml:8:5: device 'scale' needs the component org.nsegw.weigh.sensor, which is not installed");
        }

        @Test
        void lanesWithoutTheLaneComponent() {
            SitePlan plan = without(SiteCompiler.LANE_PID, SCALE);
            assertThat(plan.problems()).extracting(Problem::toString)
                    .containsExactly("site.yaml:6:3: lanes needs the component org.nsegw.fusion.lane, which is not installed");
        }

        @Test
        void withoutTheGatewayComponent() {
            SitePlan plan = without(SiteCompiler.GATEWAY_PID, GATEWAY);
            assertThat(plan.problems()).extracting(Problem::message)
                    .containsExactly("gateway needs the component org.nsegw.gateway, which is not installed");
        }

        @Test
        void anEmptySectionOfAMissingComponentIsNoProblem() {
            SitePlan plan = without(SiteCompiler.LOG_PID, GATEWAY + "logging:\n");
            assertThat(plan.problems()).isEmpty();
        }
    }

    @Nested
    class WholeFile {

        @ParameterizedTest
        @ValueSource(strings = {"", "\n", "# nothing yet\n"})
        void anEmptyFile(String text) {
            Problem p = onlyProblem(text);
            assertThat(p.location()).isEqualTo(Location.of(FILE));
            assertThat(p.message()).isEqualTo("the site file is empty; it needs at least a 'gateway' section");
        }

        @Test
        void aListIsNotASiteFile() {
            Problem p = onlyProblem("- gateway\n- lanes\n");
            assertThat(p.location()).isEqualTo(at(1, 1));
            assertThat(p.message()).isEqualTo("a site file must be a mapping of sections (gateway, lanes, devices...), not a list");
        }

        @Test
        void textIsNotASiteFile() {
            assertThat(onlyProblem("hello").message())
                    .isEqualTo("a site file must be a mapping of sections (gateway, lanes, devices...), not 'hello'");
            assertThat(onlyProblem("---\n").message())
                    .isEqualTo("a site file must be a mapping of sections (gateway, lanes, devices...), not nothing");
        }

        @Test
        void aSyntaxErrorIsTheOnlyProblem() {
            Problem p = onlyProblem(GATEWAY + "lanes: [\n" + "weather: sunny\n");
            assertThat(p.message()).startsWith("not valid YAML: ");
            assertThat(p.location().file()).isEqualTo(FILE);
            assertThat(p.location().line()).isGreaterThanOrEqualTo(5);
        }

        @Test
        void problemsComeInLineOrderWhateverTheSection() {
            List<Problem> problems = problems("""
                    logging:
                      level: LOUD
                    gateway:
                      id: gw 1
                      stationCode: ""
                      location: {latitude: 91, longitude: 120.2}
                    weather: x
                    """);
            assertThat(problems).extracting(Problem::location).isSortedAccordingTo(
                    java.util.Comparator.comparingInt(Location::line).thenComparingInt(Location::column));
            assertThat(problems).extracting(Problem::message).containsExactly(
                    "logging: level is 'LOUD'; allowed: ERROR, WARN, INFO, DEBUG, TRACE",
                    "gateway: id 'gw 1' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
                    "gateway: stationCode is 0 characters long; allowed from 1 to 32 characters",
                    "gateway: location.latitude is 91, out of range; allowed from -90 to 90",
                    "unknown section 'weather'; allowed: gateway, lanes, devices, limits, cleanliness, cameraReceiver, evidence, uplink, logging, console, remote, health");
        }
    }

    @Nested
    class Secrets {

        @Test
        void passwordsAreSecret() {
            SiteCompiler compiler = Fixtures.realCompiler();
            assertThat(compiler.secretIds(SiteCompiler.UPLINK_PID)).containsExactly("password");
            assertThat(compiler.secretIds("org.nsegw.anpr.camera")).containsExactly("password");
            assertThat(compiler.secretIds(SiteCompiler.GATEWAY_PID)).isEmpty();
            assertThat(compiler.secretIds("org.example.none")).isEmpty();
        }

        @Test
        void describeHidesThem() {
            SitePlan plan = valid(GATEWAY + "uplink:\n  broker: tcp://h:1883\n  password: hunter2\n");
            PlannedConfiguration uplink = config(plan, SiteCompiler.UPLINK_PID);
            String described = uplink.describe(Fixtures.realCompiler().secretIds(SiteCompiler.UPLINK_PID));
            assertThat(described).isEqualTo("org.nsegw.uplink {broker=tcp://h:1883, password=********, nsegw.site=site.yaml}");
            assertThat(uplink.properties()).containsEntry("password", "hunter2");
        }
    }

    @Test
    void sectionKeysAreTheSections() {
        assertThat(SiteCompiler.sectionKeys()).containsExactly("gateway", "lanes", "devices", "limits", "cleanliness", "cameraReceiver", "evidence", "uplink", "logging", "console", "remote", "health");
        assertThat(SiteCompiler.SECTIONS).filteredOn(SiteCompiler.Section::required).extracting(SiteCompiler.Section::key)
                .containsExactly("gateway");
        assertThat(SiteCompiler.DEVICE_PIDS).hasSize(3);
        assertThat(Set.copyOf(SiteCompiler.DEVICE_PIDS.values())).hasSize(3);
    }

    @Test
    void theCompilerKeepsNoStateBetweenFiles() {
        SiteCompiler compiler = Fixtures.realCompiler();
        SitePlan bad = compiler.compile("a.yaml", SCALE.replace("lane: L1", "lane: L9"));
        SitePlan good = compiler.compile("b.yaml", SCALE);
        assertThat(bad.isValid()).isFalse();
        assertThat(good.problems()).isEmpty();
        assertThat(good.configurations()).allSatisfy(c -> assertThat(c.properties()).containsEntry(SiteCompiler.SITE_MARKER, "b.yaml"));
    }

    @Nested
    class SiteCameraRegions {

        static final String CAMERA = SCALE + """
                  - id: cam
                    profile: camera/hikvision-snapshot
                    lane: L1
                    address: 10.0.0.9
                """;

        static final String REGIONS = """
                    regions:
                      wheelZone: ["0.2,0.6", "0.87,0.6", "0.87,0.83", "0.2,0.83"]
                      bodyZone: ["0.2,0.22", "0.74,0.22", "0.74,0.43"]
                """;

        @Test
        void theRegionsAreRequiredAndSayWhatTheyAre() {
            List<Problem> problems = problems(CAMERA);
            assertThat(problems).extracting(Problem::message).containsExactlyInAnyOrder(
                    "device 'cam': missing required key 'regions.wheelZone' (polygon around the wheels and lower body of a truck stopped at "
                            + "the exit: its corners as \"x,y\", fractions of the frame's width and height (0 to 1 from the top left), at least 3, "
                            + "e.g. [\"0.2,0.6\", \"0.87,0.6\", \"0.87,0.83\", \"0.2,0.83\"])",
                    "device 'cam': missing required key 'regions.bodyZone' (polygon around the body and load of a truck stopped at the exit, "
                            + "where an uncovered load shows (corners \"x,y\", 0 to 1))",
                    "device 'cam': missing required key 'regions.roadZone' (polygon around the road at the exit, judged for dirt against "
                            + "the clean road reference (corners \"x,y\", 0 to 1))");
        }

        @Test
        void cornersWrittenAsBareNumbersAreCaughtWithTheFix() {
            Problem p = onlyProblem(CAMERA + REGIONS + "      roadZone: [0.3,0.85, 0.98,0.85, 0.98,0.99]\n");
            assertThat(p.location()).isEqualTo(at(19, 17));
            assertThat(p.message()).isEqualTo("device 'cam': regions.roadZone: corner 1 is '0.3'; write each corner as \"x,y\" in quotes, "
                    + "e.g. [\"0.2,0.6\", \"0.87,0.6\", \"0.87,0.83\", \"0.2,0.83\"]");
        }

        @Test
        void cornersOutsideTheFrameAndTooFewCornersAreCaught() {
            assertThat(onlyProblem(CAMERA + REGIONS + "      roadZone: [\"0.3,0.85\", \"1.2,0.85\", \"0.98,0.99\"]\n").message())
                    .isEqualTo("device 'cam': regions.roadZone: x of corner 2 is 1.2; corners are fractions of the frame, 0 to 1");
            assertThat(onlyProblem(CAMERA + REGIONS + "      roadZone: [\"0.3,0.85\", \"0.9,0.85\"]\n").message())
                    .startsWith("device 'cam': regions.roadZone has 2 corner(s); a region needs at least 3,");
        }

        @Test
        void aCompleteCameraIsValidWithItsPresenceAndEvidenceSettings() {
            SitePlan plan = valid(CAMERA + REGIONS + """
                          roadZone: ["0.3,0.85", "0.98,0.85", "0.98,0.99"]
                        reference:
                          cleanRoad: refs/cam-clean.jpg
                        frame: {width: 1280, height: 720}
                        presence: {mode: anpr, holdSeconds: 6}
                        eventCamera: anpr-gate
                    """);
            assertThat(config(plan, "org.nsegw.vision.camera~cam").properties()).containsEntry("reference.cleanRoad", "refs/cam-clean.jpg")
                    .containsEntry("frame.width", 1280).containsEntry("frame.height", 720).containsEntry("presence.mode", "anpr")
                    .containsEntry("presence.holdSeconds", 6).containsEntry("eventCamera", "anpr-gate");
            assertThat(onlyProblem(CAMERA + REGIONS + "      roadZone: [\"0.3,0.85\", \"0.98,0.85\", \"0.98,0.99\"]\n"
                    + "    presence: {mode: radar}\n").message()).startsWith("device 'cam': presence.mode is 'radar'; allowed: motion, anpr");
        }
    }
}
