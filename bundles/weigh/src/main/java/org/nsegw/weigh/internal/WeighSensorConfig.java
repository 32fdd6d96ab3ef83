package org.nsegw.weigh.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = "org.nsegw.weigh.sensor", name = "Weigh sensor",
        description = "A weigh-in-motion controller or truck scale on a serial line. Most settings come from the device profile.")
@interface WeighSensorConfig {

    @AttributeDefinition(name = "Device id", description = "unique id of the device on this gateway, e.g. wim-L1")
    String id();

    @AttributeDefinition(name = "Profile", description = "the device profile, e.g. weigh/toledo-continuous")
    String profile();

    @AttributeDefinition(name = "Model", required = false, description = "vendor and model, from the profile")
    String model() default "";

    @AttributeDefinition(name = "Lane", description = "the lane the sensor is in")
    String lane();

    @AttributeDefinition(name = "Serial port", description = "the port the sensor is connected to, e.g. /dev/ttyUSB0")
    String port();

    @AttributeDefinition(name = "Protocol", description = "how the device talks", options = {
        @Option(value = "toledo-continuous", label = "Toledo continuous output"),
        @Option(value = "xk3190", label = "Yaohua XK3190 continuous format 0"),
        @Option(value = "sma-scp0499", label = "SMA SCP-0499 request/response"),
        @Option(value = "modbus-rtu", label = "Modbus RTU load-cell transmitter"),
        @Option(value = "wim-record", label = "WIM controller per-vehicle record"),
        @Option(value = "wim-raw", label = "Raw WIM sensor samples")})
    String protocol();

    @AttributeDefinition(name = "Baud rate", min = "300", max = "921600")
    int serial_baud() default 9600;

    @AttributeDefinition(name = "Data bits", min = "5", max = "8")
    int serial_dataBits() default 8;

    @AttributeDefinition(name = "Parity", options = {
        @Option(value = "none"), @Option(value = "even"), @Option(value = "odd"), @Option(value = "mark"), @Option(value = "space")})
    String serial_parity() default "none";

    @AttributeDefinition(name = "Stop bits", options = {@Option(value = "1"), @Option(value = "1.5"), @Option(value = "2")})
    String serial_stopBits() default "1";

    @AttributeDefinition(name = "RS-485", description = "drive the port in RS-485 half-duplex mode")
    boolean serial_rs485() default false;

    @AttributeDefinition(name = "Accuracy class",
            description = "the device's accuracy class, e.g. 5 (JJG 907 / OIML R134) or B+(7) (COST 323)")
    String accuracyClass();

    @AttributeDefinition(name = "Units", description = "the unit the device reports weights in",
            options = {@Option(value = "kg"), @Option(value = "t")})
    String units() default "kg";

    @AttributeDefinition(name = "Silence timeout (s)", min = "1", max = "3600",
            description = "no data for this long marks the device offline and raises an alarm")
    int timeoutSeconds() default 10;

    @AttributeDefinition(name = "Frame timeout (ms)", min = "10", max = "60000",
            description = "a frame left incomplete this long is given up and counted; a poll unanswered this long too")
    int frameTimeoutMs() default 500;

    @AttributeDefinition(name = "Poll interval (ms)", min = "20", max = "60000",
            description = "how often a polled device (SMA, Modbus) is asked for its reading")
    int poll_intervalMs() default 200;

    @AttributeDefinition(name = "Vehicle threshold (kg)", min = "1", max = "100000",
            description = "truck scales: a load at or above this is a vehicle on the scale")
    int static_thresholdKg() default 500;

    @AttributeDefinition(name = "Stable time (ms)", min = "200", max = "60000",
            description = "truck scales: how long the load must be steady, without motion, to be weighed")
    int static_stableMs() default 2000;

    @AttributeDefinition(name = "Stable tolerance (kg)", min = "0", max = "1000",
            description = "truck scales: how far readings within the stable time may differ (one or two divisions)")
    int static_toleranceKg() default 20;

    @AttributeDefinition(name = "Axle group spacing (m)", min = "0.5", max = "5",
            description = "adjacent axles closer than this act as one group (a tandem counts as 2 axles, a tridem as 3)")
    double groupSpacingM() default 2.0;

    @AttributeDefinition(name = "Verification certificate", required = false,
            description = "number of the legal verification (检定) certificate; without a valid one no overweight case is filed")
    String verification_certificate() default "";

    @AttributeDefinition(name = "Verification expires", required = false,
            description = "last day the certificate is valid, YYYY-MM-DD")
    String verification_expires() default "";
}
