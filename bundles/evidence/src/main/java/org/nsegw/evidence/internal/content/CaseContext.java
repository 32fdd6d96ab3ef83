package org.nsegw.evidence.internal.content;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a packet says besides the verdict: the gateway, the site's zone and the clock when the packet was made.
 *
 * @param gateway  the gateway's identity
 * @param zone     the site's zone, in which case ids and local times are written
 * @param clock    the clock's source and sync state when the packet was made
 * @param packedAt when the packet was made
 */
public record CaseContext(GatewayIdentity gateway, ZoneId zone, ClockState clock, Instant packedAt) {

    public CaseContext {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(packedAt, "packedAt");
    }
}
