package org.nsegw.console.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.weigh.WeighRecord;

/** What the console shows of the gateway; the component gives the live one, tests may give their own. */
interface GatewayView {

    List<DeviceStatus> devices();

    /** Recent weigh records, newest first. */
    List<WeighRecord> weighRecords();

    /** Recent plate reads, newest first. */
    List<PlateRead> plateReads();

    /** The file of an image of a recent plate read, by its SHA-256; empty for anything else. */
    Optional<Path> media(String sha256);

    /** The commissioning report (Markdown), with the console's own counters. */
    String report(Map<String, Long> consoleCounters);

    /** Runs the connectivity test with the uplink's settings (blocks a few seconds at most). */
    default List<ConnectivityTest.Check> connectivity() {
        return List.of(new ConnectivityTest.Check("uplink", "上行 Uplink", ConnectivityTest.Status.FAIL,
                "this gateway has no uplink", "configure the uplink section of the site file"));
    }

    /**
     * Starts a test passage and returns its progress.
     *
     * @throws IllegalStateException when one cannot start now (the message says why)
     */
    default Map<String, Object> startTestPassage() {
        throw new IllegalStateException("test passages are not available in this gateway");
    }

    /** The latest test passage's progress; empty before the first. */
    default Optional<Map<String, Object>> testPassage() {
        return Optional.empty();
    }

    /** The site cameras, by device id. */
    default List<org.nsegw.api.vision.CameraView> cameras() {
        return List.of();
    }

    /**
     * Puts region changes of a camera in the site overlay, checked by the site compiler.
     *
     * @return the compiler's problems; empty when the change was applied
     * @throws IllegalStateException when regions cannot be changed here (no site configurator)
     */
    default List<String> saveRegions(List<org.nsegw.site.SiteCompiler.Setting> changes) {
        throw new IllegalStateException("regions cannot be changed in this gateway (no site configuration service)");
    }

    /** Keeps the console's new password (its hash) for the next start. */
    default void storePassword(SetupPassword hashed) throws IOException {
        throw new IOException("the password cannot be stored here");
    }
}
