package org.nsegw.weigh.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.DeviceStatusBoard;
import org.nsegw.api.device.Verification;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.api.weigh.WeighRecordListener;
import org.nsegw.weigh.internal.driver.Pipeline;
import org.nsegw.weigh.internal.driver.WeighDriver;
import org.nsegw.weigh.internal.serial.SerialLink;
import org.nsegw.weigh.internal.serial.SerialSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One weigh sensor of the site file: its serial line, its protocol's pipeline and the driver between them. Weigh
 * records go to every {@link WeighRecordListener}; the device's status, with its counters of frames, records and
 * rejected bytes, goes to the status board. A configuration that cannot work puts the device in ERROR with the
 * reason instead of failing the component.
 */
@Component(configurationPid = "org.nsegw.weigh.sensor", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WeighSensorConfig.class, factory = true)
public final class WeighSensor {

    private final DeviceStatusBoard board;
    private final Logger log;
    private final String deviceId;
    private final SerialLink link;
    private final WeighDriver driver;
    private volatile DeviceStatus lastStatus;

    @Reference(service = WeighRecordListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    private volatile List<WeighRecordListener> listeners = List.of();

    @Activate
    public WeighSensor(WeighSensorConfig config, @Reference(name = "board") DeviceStatusBoard board,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.board = board;
        this.log = log;
        this.deviceId = config.id();
        Instant now = Instant.now();
        Pipeline pipeline;
        SerialSettings serial;
        Verification verification;
        try {
            verification = verification(config).orElse(null);
            serial = new SerialSettings(config.port(), config.serial_baud(), config.serial_dataBits(), config.serial_parity(),
                    config.serial_stopBits(), config.serial_rs485());
            pipeline = Pipelines.create(Props.of(config, WeighSensorConfig.class));
        } catch (IllegalArgumentException e) {
            lastStatus = DeviceStatus.waiting(deviceId, DeviceKind.WEIGH_SENSOR, config.lane(), now)
                    .withState(DeviceState.ERROR, "configuration: " + e.getMessage(), now);
            board.report(lastStatus);
            log.error("Weigh sensor {} cannot work: {}", deviceId, e.getMessage());
            link = null;
            driver = null;
            return;
        }
        driver = new WeighDriver(new WeighDriver.Settings(deviceId, config.lane(), config.accuracyClass(), verification,
                Duration.ofSeconds(config.timeoutSeconds()), Duration.ofMillis(config.poll_intervalMs()),
                Duration.ofMillis(config.frameTimeoutMs())), pipeline, now);
        lastStatus = driver.status();
        board.report(lastStatus);
        if (verification == null) {
            log.warn("Weigh sensor {} has no verification certificate on file: its records cannot support overweight cases", deviceId);
        } else if (!verification.isValidOn(LocalDate.now())) {
            log.warn("Weigh sensor {}: verification certificate {} expired on {}: its records cannot support overweight cases",
                    deviceId, verification.certificateId(), verification.expires());
        }
        link = new SerialLink(serial, new SerialLink.Events() {
            @Override
            public void connected() {
                log.info("Weigh sensor {} connected on {}", deviceId, serial);
                apply(driver.connected(Instant.now()));
            }

            @Override
            public void received(byte[] bytes, int length) {
                Instant t = Instant.now();
                apply(driver.received(bytes, 0, length, t));
                apply(driver.tick(t));
            }

            @Override
            public void idle() {
                apply(driver.tick(Instant.now()));
            }

            @Override
            public void disconnected(String reason) {
                apply(driver.disconnected(reason, Instant.now()));
            }
        }, "nsegw-weigh-" + deviceId);
        link.start();
        log.info("Weigh sensor {} ({}, {}) on {} in lane {}", deviceId, config.model(), config.protocol(), serial, config.lane());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (link != null) {
            link.stop();
        }
        board.report(lastStatus.withState(DeviceState.OFFLINE, "gateway stopped", Instant.now()));
        log.info("Weigh sensor {} stopped", deviceId);
    }

    private void apply(WeighDriver.Effects effects) {
        for (byte[] w : effects.writes()) {
            if (!link.write(w)) {
                log.debug("Weigh sensor {}: write failed", deviceId);
            }
        }
        for (WeighRecord r : effects.records()) {
            log.debug("Weigh sensor {}: {}", deviceId, r);
            for (WeighRecordListener l : listeners) {
                try {
                    l.weighed(r);
                } catch (RuntimeException e) {
                    log.error("A weigh record listener failed on a record of {}", deviceId, e);
                }
            }
        }
        effects.status().ifPresent(s -> {
            lastStatus = s;
            board.report(s);
        });
        effects.alarms().forEach(a -> log.warn("ALARM {}", a));
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
