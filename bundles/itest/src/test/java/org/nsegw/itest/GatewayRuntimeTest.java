package org.nsegw.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.DeviceStatusBoard;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.api.runtime.Readiness;
import org.nsegw.api.runtime.SiteState;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The whole gateway in a real framework with the bridge example (4 lanes, a WIM sensor and front and rear ANPR
 * cameras per lane) applied from its site file: every bundle active, every component configured as the site file
 * says and active, every device reporting.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class GatewayRuntimeTest {

    static final long TIMEOUT_MS = 20_000;

    @InjectBundleContext
    BundleContext context;

    @Test
    void everyBundleIsActive() {
        List<String> inactive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && b.getState() != Bundle.ACTIVE) {
                inactive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertThat(inactive).isEmpty();
        assertThat(Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName))
                .contains("org.nsegw.api", "org.nsegw.site", "org.nsegw.log", "org.nsegw.health", "org.nsegw.weigh",
                        "org.nsegw.anpr", "org.nsegw.vision", "org.nsegw.fusion", "org.nsegw.rules", "org.nsegw.uplink");
    }

    @Test
    void siteFileIsApplied(@InjectService(filter = "(nsegw.site.state=applied)", timeout = TIMEOUT_MS) SiteState site) {
        assertThat(site.applied()).isTrue();
        assertThat(site.problems()).isEmpty();
    }

    @Test
    void everyConfiguredComponentIsActive(
            @InjectService(filter = "(nsegw.ready=true)", timeout = TIMEOUT_MS) Readiness readiness,
            @InjectService ServiceComponentRuntime scr) {
        assertThat(readiness.pending()).isEmpty();
        Map<String, Integer> activeByComponent = new TreeMap<>();
        List<String> notActive = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.startsWith("org.nsegw.")) {
                continue;
            }
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(d);
            for (ComponentConfigurationDTO c : configurations) {
                if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                    activeByComponent.merge(simpleName(d.name), 1, Integer::sum);
                } else if (c.state != ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    notActive.add(d.name + " state " + c.state + " " + c.failure);
                }
            }
        }
        assertThat(notActive).isEmpty();
        // One component configuration per lane and device of the site file, one per singleton section.
        assertThat(activeByComponent).containsEntry("WeighSensor", 4)
                .containsEntry("AnprCamera", 8)
                .containsEntry("Lane", 4)
                .containsEntry("OverweightRules", 1)
                .containsEntry("Uplink", 1)
                .containsEntry("StatusBoard", 1)
                .containsEntry("LogFiles", 1)
                .containsEntry("SiteConfigurator", 1)
                .doesNotContainKey("SiteCamera") // the bridge has no site camera
                .doesNotContainKey("CleanlinessRules");
    }

    @Test
    void configurationsCombineProfileAndSiteFile(
            @InjectService(filter = "(nsegw.site.state=applied)", timeout = TIMEOUT_MS) SiteState site,
            @InjectService ConfigurationAdmin configAdmin) throws Exception {
        Configuration[] wim = configAdmin.listConfigurations("(&(service.factoryPid=org.nsegw.weigh.sensor)(id=wim-L2))");
        assertThat(wim).hasSize(1);
        var p = wim[0].getProperties();
        assertThat(p.get("serial.baud")).as("from the profile").isEqualTo(115200);
        assertThat(p.get("protocol")).as("from the profile").isEqualTo("wim-record");
        assertThat(p.get("port")).as("from the site file").isEqualTo("/dev/ttyUSB1");
        assertThat(p.get("verification.certificate")).isEqualTo("ZJJL-WIM-2026-0102");
        assertThat(p.get("profile")).isEqualTo("weigh/wim-record-generic");

        assertThat(configAdmin.listConfigurations("(service.factoryPid=org.nsegw.fusion.lane)")).hasSize(4);
        assertThat(configAdmin.listConfigurations("(service.factoryPid=org.nsegw.anpr.camera)")).hasSize(8);
        Configuration gateway = configAdmin.getConfiguration("org.nsegw.gateway", "?");
        assertThat(gateway.getProperties().get("stationCode")).isEqualTo("3301000012");
        assertThat(gateway.getProperties().get("location.latitude")).isEqualTo(30.2090);
        Configuration limits = configAdmin.getConfiguration("org.nsegw.rules.overweight", "?");
        assertThat(limits.getProperties().get("postedLimitKg")).isEqualTo(40000);
    }

    @Test
    void everyDeviceReportsItsStatus(
            @InjectService(filter = "(nsegw.ready=true)", timeout = TIMEOUT_MS) Readiness readiness,
            @InjectService DeviceStatusBoard board) {
        List<DeviceStatus> devices = board.devices();
        assertThat(devices).hasSize(12);
        assertThat(devices).filteredOn(d -> d.kind() == DeviceKind.WEIGH_SENSOR).hasSize(4)
                .allSatisfy(d -> assertThat(d.reason()).isNotEmpty());
        assertThat(devices).extracting(DeviceStatus::deviceId).contains("wim-L1", "anpr-L4-rear");
        assertThat(devices).filteredOn(d -> d.deviceId().equals("anpr-L3-front"))
                .singleElement().satisfies(d -> assertThat(d.lane()).isEqualTo("L3"));
    }

    @Test
    void statusAndLogFilesAreWrittenToTheDataDirectory(
            @InjectService(filter = "(nsegw.ready=true)", timeout = TIMEOUT_MS) Readiness readiness) throws Exception {
        Path data = Path.of(context.getProperty(GatewayProperties.DATA_DIR));
        Path status = data.resolve("status.json");
        Path log = data.resolve("log").resolve("nsegw.0.log");
        awaitTrue(Duration.ofMillis(TIMEOUT_MS), () -> contains(status, "\"ready\" : true"));
        assertThat(Files.readString(status)).contains("\"id\" : \"hz-bridge-demo-gw1\"", "\"wim-L4\"");
        awaitTrue(Duration.ofMillis(TIMEOUT_MS), () -> contains(log, "All ") && readQuietly(log).matches("(?s).*All \\d+ components active.*"));
        assertThat(Files.readString(log)).contains("site.SiteConfigurator: Site file", "applied: gateway hz-bridge-demo-gw1");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Polls until the condition holds, failing after the deadline. */
    static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String simpleName(String componentName) {
        return componentName.substring(componentName.lastIndexOf('.') + 1);
    }
}
