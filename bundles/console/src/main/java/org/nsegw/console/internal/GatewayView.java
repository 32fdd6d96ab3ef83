package org.nsegw.console.internal;

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
}
