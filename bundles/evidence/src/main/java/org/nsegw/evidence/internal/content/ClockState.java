package org.nsegw.evidence.internal.content;

import java.util.Objects;

/**
 * Where the gateway's time comes from and whether it was synchronised when the packet was made: a court weighs the
 * times in a packet by it.
 *
 * @param source e.g. {@code system clock (NTP via systemd-timesyncd)}
 * @param sync   {@code synchronized}, {@code not synchronized} or {@code unknown: <why>}
 */
public record ClockState(String source, String sync) {

    public ClockState {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sync, "sync");
    }
}
