package org.nsegw.fusion.internal;

import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One lane of the site file: offers its {@link LaneSettings} to {@link Fusion}. A configuration that cannot work is
 * logged with what to change, and the lane is left out of fusion (its records then become passages without plates).
 */
@Component(configurationPid = "org.nsegw.fusion.lane", configurationPolicy = ConfigurationPolicy.REQUIRE, service = Lane.class)
@Designate(ocd = LaneConfig.class, factory = true)
public final class Lane {

    private final LaneSettings settings;

    @Activate
    public Lane(Map<String, Object> properties, @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        LaneSettings s = null;
        try {
            s = LaneSettings.fromProperties(properties);
            log.info("Lane {} {} {}: cameras {}, weigh sensors {}, neighbours {}", s.id(), properties.getOrDefault("name", ""),
                    properties.getOrDefault("direction", ""), s.cameras().stream().map(LaneSettings.Camera::property).toList(),
                    s.weighSensors(), s.neighbours());
        } catch (IllegalArgumentException e) {
            log.error("Lane {} is left out of fusion: {}", properties.get("id"), e.getMessage());
        }
        settings = s;
    }

    /** The lane's settings, empty when its configuration cannot work. */
    Optional<LaneSettings> settings() {
        return Optional.ofNullable(settings);
    }
}
