package org.nsegw.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How much disk the outbox may use and how long it keeps acknowledged packets.
 *
 * @param quotaBytes the disk the packet and image files may take; above it, non-case data is refused
 * @param retention how long an acknowledged packet stays on the gateway after the acknowledgement
 * @param alarmPercent the usage, in percent of the quota, at which the outbox raises its alarm
 */
public record OutboxSettings(long quotaBytes, Duration retention, int alarmPercent) {

    /** 10 GiB. */
    public static final long DEFAULT_QUOTA_BYTES = 10L << 30;
    /** 30 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** 80 %. */
    public static final int DEFAULT_ALARM_PERCENT = 80;

    public OutboxSettings {
        Objects.requireNonNull(retention, "retention");
        if (quotaBytes <= 0) {
            throw new IllegalArgumentException("the outbox quota must be more than 0 bytes, not " + quotaBytes);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("the outbox retention cannot be negative: " + retention);
        }
        if (alarmPercent < 1 || alarmPercent > 100) {
            throw new IllegalArgumentException("the outbox alarm must be between 1 and 100 % of the quota, not " + alarmPercent);
        }
    }

    /** 10 GiB, 30 days, alarm at 80 %. */
    public static OutboxSettings defaults() {
        return new OutboxSettings(DEFAULT_QUOTA_BYTES, DEFAULT_RETENTION, DEFAULT_ALARM_PERCENT);
    }
}
