package org.nsegw.health.internal;

/** The thresholds of the alarms ({@link HealthConfig}), plain. */
record HealthSettings(boolean deviceAlarms, int diskAlarmPercent, long maxClockOffsetMs, boolean alarmUnsynchronized,
        int verificationWarnDays, int tlsWarnDays) {

    static final HealthSettings DEFAULTS = new HealthSettings(true, 80, 1000, true, 30, 30);

    HealthSettings {
        if (diskAlarmPercent < 1 || diskAlarmPercent > 100) {
            throw new IllegalArgumentException("health.diskAlarmPercent " + diskAlarmPercent + " is not between 1 and 100");
        }
        if (maxClockOffsetMs < 1) {
            throw new IllegalArgumentException("health.clock.maxOffsetMs " + maxClockOffsetMs + " must be at least 1");
        }
        if (verificationWarnDays < 0 || tlsWarnDays < 0) {
            throw new IllegalArgumentException("health warning days must not be negative");
        }
    }

    static HealthSettings of(HealthConfig c) {
        return new HealthSettings(c.deviceAlarms(), c.diskAlarmPercent(), c.clock_maxOffsetMs(), c.clock_alarmUnsynchronized(),
                c.verificationWarnDays(), c.tlsWarnDays());
    }
}
