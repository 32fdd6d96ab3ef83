package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings given on the command line ({@code --set TARGET.KEY=VALUE}) on top of a site file. */
class SettingOverrideTest {

    static SitePlan compile(String... settings) {
        return Fixtures.realCompiler().compile("site-example.yaml", Fixtures.read(Fixtures.siteExample()),
                java.util.Arrays.stream(settings).map(SiteCompiler.Setting::parse).toList());
    }

    static PlannedConfiguration config(SitePlan plan, String pid, String name) {
        return plan.configurations().stream().filter(c -> c.pid().equals(pid) && c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSettingOverridesTheFileAndTheProfileWithItsType() {
        SitePlan plan = compile("scale-exit.port=/tmp/emulated/scale", "scale-exit.serial.baud=19200",
                "uplink.broker=tcp://127.0.0.1:1883", "cleanliness.haulers=[浙A1, 浙A2]");
        assertThat(plan.problems()).isEmpty();
        PlannedConfiguration scale = config(plan, "org.nsegw.weigh.sensor", "scale-exit");
        assertThat(scale.property("port")).hasValue("/tmp/emulated/scale");
        assertThat(scale.property("serial.baud")).hasValue(19200);
        assertThat(config(plan, "org.nsegw.uplink", "").property("broker")).hasValue("tcp://127.0.0.1:1883");
        assertThat((String[]) config(plan, "org.nsegw.rules.cleanliness", "").property("haulers").orElseThrow())
                .containsExactly("浙A1", "浙A2");
    }

    @Test
    void aSettingForASectionTheFileLeavesOutCreatesIt() {
        SitePlan plan = compile("cameraReceiver.port=18088", "cameraReceiver.bindAddress=127.0.0.1");
        assertThat(plan.problems()).isEmpty();
        PlannedConfiguration receiver = config(plan, SiteCompiler.CAMERA_RECEIVER_PID, "");
        assertThat(receiver.property("port")).hasValue(18088);
        assertThat(receiver.property("bindAddress")).hasValue("127.0.0.1");
        assertThat(config(compile(), SiteCompiler.CAMERA_RECEIVER_PID, "").properties())
                .as("a site with cameras gets the receiver with its defaults").doesNotContainKey("port");
        assertThat(compile("cameraReceiver.port=99999").problems()).extracting(Problem::toString)
                .containsExactly("--set cameraReceiver.port=99999: cameraReceiver: port is 99999, out of range; allowed from 0 to 65535");
    }

    @Test
    void aBadSettingIsAProblemNamingTheSetting() {
        SitePlan plan = compile("scale-exit.serial.baud=fast", "nobody.port=/dev/x", "scale-exit.prot=/dev/x");
        assertThat(plan.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                "--set scale-exit.serial.baud=fast: device 'scale-exit': serial.baud must be a whole number, not 'fast'",
                "--set nobody.port=/dev/x: there is no section, lane or device 'nobody' to set port of",
                "--set scale-exit.prot=/dev/x: device 'scale-exit': unknown key 'prot'; allowed: " + String.join(", ",
                        Fixtures.realSchemas().get("org.nsegw.weigh.sensor").properties().keySet()) + " (did you mean 'port'?)");
    }

    @Test
    void aMalformedSettingIsRefusedWithAnExample() {
        for (String bad : List.of("port", "=x", "port=/dev/x", ".port=x", "x.=1")) {
            assertThatThrownBy(() -> SiteCompiler.Setting.parse(bad)).hasMessageContaining("write TARGET.KEY=VALUE");
        }
        assertThat(SiteCompiler.Setting.parse("wim-L1.serial.baud=9600"))
                .isEqualTo(new SiteCompiler.Setting("wim-L1", "serial.baud", "9600"));
    }
}
