package org.nsegw.health.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = HealthConfig.PID, name = "Health",
        description = "The health report the uplink sends with its retained status and heartbeats (devices, outbox, disk,"
                + " clock, certificates, versions), and the alarms raised on it.")
@interface HealthConfig {

    String PID = "org.nsegw.health";

    @AttributeDefinition(name = "Check interval (s)", min = "1", max = "3600",
            description = "how often disk, clock, certificates and devices are checked for alarms")
    int checkSeconds() default 10;

    @AttributeDefinition(name = "Device alarms", required = false,
            description = "an alarm to the platform when a device that delivered data goes offline (its component's"
                    + " watchdog says so), cleared when its data is back")
    boolean deviceAlarms() default true;

    @AttributeDefinition(name = "Disk alarm (%)", min = "1", max = "100",
            description = "an alarm when the data directory's file system is this full (cleared 2 points below)")
    int diskAlarmPercent() default 80;

    @AttributeDefinition(name = "Largest clock offset (ms)", min = "1", max = "3600000",
            description = "an alarm when the system clock is further than this from its time source (cleared at half of it)")
    int clock_maxOffsetMs() default 1000;

    @AttributeDefinition(name = "Alarm when not synchronised", required = false,
            description = "an alarm when the clock's time service says the clock is not synchronised")
    boolean clock_alarmUnsynchronized() default true;

    @AttributeDefinition(name = "Verification warning (days)", min = "0", max = "3650",
            description = "an alarm when a weigh sensor's verification (检定) certificate expires within this many days")
    int verificationWarnDays() default 30;

    @AttributeDefinition(name = "TLS certificate warning (days)", min = "0", max = "3650",
            description = "an alarm when the uplink's client certificate or the console's certificate expires within"
                    + " this many days")
    int tlsWarnDays() default 30;
}
