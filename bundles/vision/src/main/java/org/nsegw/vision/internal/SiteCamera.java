package org.nsegw.vision.internal;

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
 * One site-exit camera of the site file. It reports its device status; taking frames and detecting is not part of
 * this version yet, so the camera stays offline with that reason.
 */
@Component(configurationPid = "org.nsegw.vision.camera", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SiteCameraConfig.class, factory = true)
public final class SiteCamera {

    private final DeviceStatusBoard board;
    private final DeviceStatus status;

    @Activate
    public SiteCamera(SiteCameraConfig config, @Reference(name = "board") DeviceStatusBoard board,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.board = board;
        Instant now = Instant.now();
        status = DeviceStatus.waiting(config.id(), DeviceKind.SITE_CAMERA, config.lane(), now)
                .withState(DeviceState.OFFLINE, "no " + config.protocol() + " frame source in this version", now);
        board.report(status);
        log.info("Site camera {} ({}, {}) at {}, lane {}", config.id(), config.model(), config.protocol(),
                config.address().isEmpty() ? config.path() : config.address() + ":" + config.port() + config.path(), config.lane());
    }

    @Deactivate
    void deactivate() {
        board.report(status.withState(DeviceState.OFFLINE, "gateway stopped", Instant.now()));
    }
}
