package org.nsegw.api.health;

import java.time.Instant;
import java.util.Objects;

/**
 * An alarm raised or cleared.
 *
 * @param sequence  this event's place among the gateway's alarm events since it started (1, 2, ...)
 * @param time      when the condition was seen to start ({@code raised}) or end
 * @param source    what the alarm is about: a device id, {@code clock}, {@code disk} or {@code certificate}
 * @param condition the condition's key, the same when raised and cleared (e.g. {@code device:wim-L1},
 *                  {@code clock.offset}, {@code disk}, {@code certificate:verification:wim-L1})
 * @param raised    true when the condition began, false when it cleared
 * @param text      what happened, in words an operator can act on
 */
public record HealthAlarm(long sequence, Instant time, String source, String condition, boolean raised, String text) {

    public HealthAlarm {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(text, "text");
    }
}
