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

    @AttributeDefinition(name = "Baud rate", min = "300", max = "921600", description = "the serial line's speed in bit/s")
    int serial_baud() default 9600;

    @AttributeDefinition(name = "Data bits", min = "5", max = "8", description = "data bits per character")
    int serial_dataBits() default 8;

    @AttributeDefinition(name = "Parity", description = "the serial line's parity bit", options = {
        @Option(value = "none", label = "none"), @Option(value = "even", label = "even"), @Option(value = "odd", label = "odd"),
        @Option(value = "mark", label = "mark"), @Option(value = "space", label = "space")})
    String serial_parity() default "none";

    @AttributeDefinition(name = "Stop bits", description = "stop bits per character",
            options = {@Option(value = "1", label = "1"), @Option(value = "1.5", label = "1.5"), @Option(value = "2", label = "2")})
    String serial_stopBits() default "1";

    @AttributeDefinition(name = "RS-485", description = "drive the port in RS-485 half-duplex mode")
    boolean serial_rs485() default false;

    @AttributeDefinition(name = "Accuracy class",
            description = "the device's accuracy class, e.g. 5 (JJG 907 / OIML R134) or B+(7) (COST 323)")
    String accuracyClass();

    @AttributeDefinition(name = "Units", description = "the unit the device reports weights in",
            options = {@Option(value = "kg", label = "kilograms"), @Option(value = "t", label = "tonnes"), @Option(value = "lb", label = "pounds")})
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

    @AttributeDefinition(name = "Modbus address", min = "-1", max = "247",
            description = "modbus-rtu: the device's address, 1 to 247 (required for modbus-rtu; -1: not given)")
    int modbus_unit() default -1;

    @AttributeDefinition(name = "Modbus function", options = {@Option(value = "3", label = "read holding registers"),
        @Option(value = "4", label = "read input registers")}, description = "modbus-rtu: how the weight is read")
    int modbus_function() default 3;

    @AttributeDefinition(name = "Modbus first register", min = "-1", max = "65535",
            description = "modbus-rtu: the first register to read, as sent on the wire (0-based; required; -1: not given)")
    int modbus_register() default -1;

    @AttributeDefinition(name = "Modbus register count", min = "0", max = "125",
            description = "modbus-rtu: registers to read; 0: as many as the weight needs")
    int modbus_count() default 0;

    @AttributeDefinition(name = "Modbus weight offset", min = "0", max = "124",
            description = "modbus-rtu: the weight's first register, counted from the first register read")
    int modbus_weightOffset() default 0;

    @AttributeDefinition(name = "Modbus weight words", options = {@Option(value = "1", label = "1 (16 bits)"), @Option(value = "2", label = "2 (32 bits)")},
            description = "modbus-rtu: 1 for a 16-bit weight, 2 for 32-bit")
    int modbus_weightWords() default 2;

    @AttributeDefinition(name = "Modbus signed weight", description = "modbus-rtu: the weight is two's complement")
    boolean modbus_signed() default true;

    @AttributeDefinition(name = "Modbus low word first", description = "modbus-rtu: a 32-bit weight's low word comes first")
    boolean modbus_lowWordFirst() default false;

    @AttributeDefinition(name = "Modbus decimals", min = "0", max = "6",
            description = "modbus-rtu: decimals of the weight (1234 with 2 decimals is 12.34)")
    int modbus_decimals() default 0;

    @AttributeDefinition(name = "Modbus status offset", min = "-1", max = "124",
            description = "modbus-rtu: the status register, counted from the first register read; -1: none")
    int modbus_statusOffset() default -1;

    @AttributeDefinition(name = "Modbus motion bit", min = "-1", max = "15", description = "modbus-rtu: status bit set while the load moves; -1: none")
    int modbus_motionBit() default -1;

    @AttributeDefinition(name = "Modbus net bit", min = "-1", max = "15", description = "modbus-rtu: status bit set for a net weight; -1: none")
    int modbus_netBit() default -1;

    @AttributeDefinition(name = "Modbus overload bit", min = "-1", max = "15", description = "modbus-rtu: status bit set on overload; -1: none")
    int modbus_overloadBit() default -1;

    @AttributeDefinition(name = "Record delimiter", min = "1", max = "4", description = "wim-record: the field delimiter")
    String record_delimiter() default ",";

    @AttributeDefinition(name = "Vehicle line tag", description = "wim-record: the tag field that starts a vehicle line")
    String record_vehicleTag() default "V";

    @AttributeDefinition(name = "Vehicle line fields",
            description = "wim-record: the fields of a vehicle line, in order: tag, time, lane, speedKmh, speedMs, axleCount, "
                    + "grossKg, grossT, serial, ignore, keep:NAME")
    String[] record_vehicleFields() default {"tag", "time", "lane", "speedKmh", "axleCount", "grossKg", "serial"};

    @AttributeDefinition(name = "Axle line tag", description = "wim-record: the tag field of an axle line")
    String record_axleTag() default "A";

    @AttributeDefinition(name = "Axle line fields",
            description = "wim-record: the fields of an axle line, in order: tag, index, loadKg, loadT, spacingMm, spacingCm, "
                    + "spacingM, ignore, keep:NAME")
    String[] record_axleFields() default {"tag", "index", "loadKg", "spacingMm"};

    @AttributeDefinition(name = "Record time format", description = "wim-record: a java.time pattern for the time field")
    String record_timeFormat() default "yyyyMMddHHmmssSSS";

    @AttributeDefinition(name = "Gross tolerance (%)", min = "-1", max = "100",
            description = "wim-record: how far the gross may differ from the sum of the axle loads; negative: not checked")
    double record_grossTolerancePercent() default 2;

    @AttributeDefinition(name = "Record checksum", options = {@Option(value = "none", label = "none"), @Option(value = "xor-hex", label = "XOR, in hex")},
            description = "wim-record: none, or xor-hex (the last field of every line)")
    String record_checksum() default "none";

    @AttributeDefinition(name = "Raw sample rate (Hz)", min = "500", max = "20000",
            description = "wim-raw: samples per second of each sensor row")
    double raw_sampleRateHz() default 2000;

    @AttributeDefinition(name = "Raw row spacing (m)", min = "0", max = "20",
            description = "wim-raw: distance between the two sensor rows, measured on site (required; 0: not given)")
    double raw_rowSpacingM() default 0;

    @AttributeDefinition(name = "Raw sensor length (m)", min = "0", max = "1",
            description = "wim-raw: L, a strip's sensitive width along the direction of travel (required; 0: not given)")
    double raw_sensorLengthM() default 0;

    @AttributeDefinition(name = "Raw calibration", cardinality = 2,
            description = "wim-raw: C of row 0 and of row 1 in kg·s per count, from the calibration with reference trucks (required)")
    double[] raw_calibration() default {};

    @AttributeDefinition(name = "Raw threshold (counts)", min = "1", max = "65535",
            description = "wim-raw: a tyre is on a strip when the signal is this far above the baseline")
    int raw_thresholdCounts() default 100;

    @AttributeDefinition(name = "Raw minimum speed (km/h)", min = "0", max = "200",
            description = "wim-raw: the lowest speed of the verified range; slower is flagged")
    double raw_minSpeedKmh() default 5;

    @AttributeDefinition(name = "Raw maximum speed (km/h)", min = "1", max = "250",
            description = "wim-raw: the highest speed of the verified range; faster is flagged")
    double raw_maxSpeedKmh() default 100;

    @AttributeDefinition(name = "Raw longest axle spacing (m)", min = "1", max = "30",
            description = "wim-raw: a lane quiet for longer than it takes to drive this far ends the vehicle")
    double raw_maxAxleSpacingM() default 9;

    @AttributeDefinition(name = "Raw end of vehicle (s)", min = "0.5", max = "60",
            description = "wim-raw: the longest wait for a further axle, whatever the speed")
    double raw_endOfVehicleS() default 8;

    @AttributeDefinition(name = "Raw baseline time constant (s)", min = "0.05", max = "600",
            description = "wim-raw: how fast the baseline follows drift while the strips are unloaded")
    double raw_baselineTimeConstantS() default 1;

    @AttributeDefinition(name = "Raw speed change", min = "0.001", max = "1",
            description = "wim-raw: first and last axle speeds differing by more than this share flag acceleration")
    double raw_maxSpeedChange() default 0.05;

    @AttributeDefinition(name = "Raw lane change ratio", min = "1", max = "10",
            description = "wim-raw: an axle whose rows disagree by more than this factor flags a lane change")
    double raw_laneChangeRatio() default 1.5;

    @AttributeDefinition(name = "Raw maximum acceleration (m/s²)", min = "0.1", max = "20",
            description = "wim-raw: neighbouring axles whose speeds differ more than this allows are different vehicles")
    double raw_maxAccelerationMps2() default 2.5;

    @AttributeDefinition(name = "Raw maximum wheelbase (m)", min = "5", max = "40",
            description = "wim-raw: axles spread over more than this, first to last, are more than one vehicle")
    double raw_maxWheelbaseM() default 18;

    @AttributeDefinition(name = "Verification certificate", required = false,
            description = "number of the legal verification (检定) certificate; without a valid one no overweight case is filed")
    String verification_certificate() default "";

    @AttributeDefinition(name = "Verification expires", required = false,
            description = "last day the certificate is valid, YYYY-MM-DD")
    String verification_expires() default "";
}
