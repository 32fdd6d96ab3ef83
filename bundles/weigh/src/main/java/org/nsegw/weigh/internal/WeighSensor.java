package org.nsegw.weigh.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.DeviceStatusBoard;
import org.nsegw.api.device.Verification;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One weigh sensor of the site file. It reports its device status; reading the serial line and decoding records
 * is not part of this version yet, so the sensor stays offline with that reason.
 */
@Component(configurationPid = "org.nsegw.weigh.sensor", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WeighSensorConfig.class, factory = true)
public final class WeighSensor {

    private final DeviceStatusBoard board;
    private final Logger log;
    private volatile DeviceStatus status;

    @Activate
    public WeighSensor(WeighSensorConfig config, @Reference(name = "board") DeviceStatusBoard board,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.board = board;
        this.log = log;
        Instant now = Instant.now();
        Optional<Verification> verification = verification(config);
        status = DeviceStatus.waiting(config.id(), DeviceKind.WEIGH_SENSOR, config.lane(), now);
        if (!Files.exists(Path.of(config.port()))) {
            status = status.withState(DeviceState.OFFLINE, "serial port " + config.port() + " does not exist", now);
        } else {
            status = status.withState(DeviceState.OFFLINE, "no serial driver for protocol " + config.protocol()
                    + " in this version", now);
        }
        board.report(status);
        log.info("Weigh sensor {} ({}, {}) on {} in lane {}; verification {}", config.id(), config.model(),
                config.protocol(), config.port(), config.lane(),
                verification.map(v -> v.certificateId() + " valid until " + v.expires()).orElse("none on file"));
    }

    @Deactivate
    void deactivate() {
        board.report(status.withState(DeviceState.OFFLINE, "gateway stopped", Instant.now()));
        log.info("Weigh sensor {} stopped", status.deviceId());
    }

    /** The certificate from the configuration; the site file check has already refused malformed dates. */
    static Optional<Verification> verification(WeighSensorConfig config) {
        if (config.verification_certificate().isBlank() || config.verification_expires().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Verification(config.verification_certificate(), LocalDate.parse(config.verification_expires())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("verification.expires '" + config.verification_expires()
                    + "' is not a date; write it as YYYY-MM-DD");
        }
    }
}
