package org.nsegw.kura.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/** The deployment packages the build made, checked against their own bundles. */
class DeploymentPackageIT {

    /** Third-party bundles Kura 5 does not ship (or ships too old: BouncyCastle 1.65), in both packages. */
    static final List<String> LIBRARIES = List.of("bcprov", "com.fasterxml.jackson.core.jackson-annotations",
            "com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core.jackson-databind",
            "com.fasterxml.jackson.datatype.jackson-datatype-jsr310", "com.fazecast.jSerialComm",
            "org.snakeyaml.engine", "org.xerial.sqlite-jdbc");

    static final List<String> BRIDGE = List.of("org.nsegw.jdk.httpserver", "org.nsegw.api", "org.nsegw.log",
            "org.nsegw.site", "org.nsegw.health", "org.nsegw.packet", "org.nsegw.outbox", "org.nsegw.journal",
            "org.nsegw.evidence", "org.nsegw.uplink", "org.nsegw.kura", "org.nsegw.rules", "org.nsegw.fusion",
            "org.nsegw.weigh", "org.nsegw.anpr");

    @ParameterizedTest
    @ValueSource(strings = {"bridge", "site"})
    void theManifestNamesThePackageAndEveryBundleInIt(String which) throws Exception {
        DeploymentPackageFile dp = DeploymentPackageFile.read(DeploymentPackageFile.built(which));
        assertThat(dp.main().getValue("DeploymentPackage-SymbolicName")).isEqualTo("org.nsegw." + which);
        String version = dp.main().getValue("DeploymentPackage-Version");
        assertThat(Version.parseVersion(version)).as("an OSGi version").isNotNull();
        assertThat(version).isEqualTo(DeploymentPackageWriter.osgiVersion(System.getProperty("nsegw.version", "0.1.0-SNAPSHOT")));
        assertThat(dp.main().getValue("DeploymentPackage-Name")).startsWith("NSE Gateway for ");

        // one section per bundle, in the order of the stream, and nothing else in the package
        assertThat(dp.sections().keySet()).containsExactlyElementsOf(dp.entries().keySet());
        assertThat(dp.entries()).isNotEmpty();

        Map<String, String> bundles = new LinkedHashMap<>();
        for (Map.Entry<String, Attributes> section : dp.sections().entrySet()) {
            Attributes own = dp.bundleManifest(section.getKey()).getMainAttributes();
            String bsn = own.getValue("Bundle-SymbolicName");
            assertThat(bsn).as("%s is a bundle", section.getKey()).isNotNull();
            assertThat(section.getValue().getValue("Bundle-SymbolicName")).as(section.getKey())
                    .isEqualTo(bsn.split(";")[0].trim());
            assertThat(Version.parseVersion(section.getValue().getValue("Bundle-Version"))).as(section.getKey())
                    .isEqualTo(Version.parseVersion(own.getValue("Bundle-Version")));
            assertThat(bundles.put(bsn.split(";")[0].trim(), section.getKey())).as("one bundle of each name").isNull();
        }

        assertThat(bundles.keySet()).containsAll(LIBRARIES).containsAll(BRIDGE);
        if (which.equals("bridge")) {
            assertThat(bundles.keySet()).as("bridges have no site cameras").doesNotContain("org.nsegw.vision")
                    .hasSize(LIBRARIES.size() + BRIDGE.size());
        } else {
            assertThat(bundles.keySet()).contains("org.nsegw.vision");
        }
        assertThat(bundles.keySet()).as("Kura provides these")
                .noneMatch(b -> b.startsWith("org.apache.felix.") || b.startsWith("org.eclipse.") || b.startsWith("org.osgi."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bridge", "site"})
    void bundlesAreInstalledLibrariesFirstAndSensorsLast(String which) throws Exception {
        DeploymentPackageFile dp = DeploymentPackageFile.read(DeploymentPackageFile.built(which));
        List<String> order = new ArrayList<>();
        for (Attributes a : dp.sections().values()) {
            order.add(a.getValue("Bundle-SymbolicName"));
        }
        int api = order.indexOf("org.nsegw.api");
        for (String library : LIBRARIES) {
            assertThat(order.indexOf(library)).as(library).isLessThan(api);
        }
        assertThat(order.indexOf("org.nsegw.jdk.httpserver")).isLessThan(order.indexOf("org.nsegw.anpr"));
        assertThat(order.indexOf("org.nsegw.log")).isEqualTo(api + 1);
        // stopped in reverse: sensors before fusion, fusion before the rules and the journal
        assertThat(order.indexOf("org.nsegw.fusion")).isGreaterThan(order.indexOf("org.nsegw.rules"))
                .isGreaterThan(order.indexOf("org.nsegw.journal")).isGreaterThan(order.indexOf("org.nsegw.evidence"))
                .isLessThan(order.indexOf("org.nsegw.weigh")).isLessThan(order.indexOf("org.nsegw.anpr"));
    }

    @Test
    void theSitePackageIsTheBridgePackagePlusSiteCameras() throws Exception {
        var bridge = DeploymentPackageFile.read(DeploymentPackageFile.built("bridge"));
        var site = DeploymentPackageFile.read(DeploymentPackageFile.built("site"));
        assertThat(site.entries().keySet()).containsAll(bridge.entries().keySet());
        for (String entry : bridge.entries().keySet()) {
            assertThat(site.entries().get(entry)).as("%s is the same jar in both", entry).isEqualTo(bridge.entries().get(entry));
        }
    }
}
