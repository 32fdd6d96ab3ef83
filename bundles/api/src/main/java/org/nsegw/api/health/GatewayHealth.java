package org.nsegw.api.health;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The gateway's health now: devices, outbox, disk, clock, certificates and versions, as one JSON object
 * ({@code docs/mqtt-topics.md}, "Status"), and the alarms raised and cleared on them. Registered by the health bundle.
 */
@ProviderType
public interface GatewayHealth {

    /**
     * The report as compact UTF-8 JSON text: an object with {@code time}, {@code devices}, {@code deviceCount},
     * {@code outbox}, {@code disk}, {@code clock}, {@code certificates}, {@code versions} and {@code alarms} (the
     * conditions raised now). Small enough for any broker (a few KiB at most: long device lists are cut, and say so).
     */
    String reportJson();

    /**
     * Alarm events with a sequence number above {@code after}, oldest first: each condition is raised once and cleared
     * once. Only the newest events are kept (at least the last 100), so a reader that fell behind misses the oldest.
     * Sequence numbers start at 1 with each start of the gateway.
     */
    List<HealthAlarm> alarmsAfter(long after);
}
