package org.nsegw.anpr.internal;

import java.time.Instant;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.DeviceStatusBoard;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One ANPR camera of the site file. It reports its device status; receiving the camera's events is not part of
 * this version yet, so the camera stays offline with that reason.
 */
@Component(configurationPid = "org.nsegw.anpr.camera", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AnprCameraConfig.class, factory = true)
public final class AnprCamera {

    private final DeviceStatusBoard board;
    private final Logger log;
    private final DeviceStatus status;

    @Activate
    public AnprCamera(AnprCameraConfig config, @Reference(name = "board") DeviceStatusBoard board,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.board = board;
        this.log = log;
        Instant now = Instant.now();
        status = DeviceStatus.waiting(config.id(), DeviceKind.ANPR_CAMERA, config.lane(), now)
                .withState(DeviceState.OFFLINE, "no " + config.protocol() + " " + config.mode() + " receiver in this version", now);
        board.report(status);
        log.info("ANPR camera {} ({}, {} {}) at {}:{}, lane {} {}", config.id(), config.model(), config.protocol(),
                config.mode(), config.address(), config.port(), config.lane(), config.position());
    }

    @Deactivate
    void deactivate() {
        board.report(status.withState(DeviceState.OFFLINE, "gateway stopped", Instant.now()));
    }
}
