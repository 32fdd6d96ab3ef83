package org.nsegw.rules.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The site's cleanliness thresholds and hauler list, checked, offered to the {@link RulesEngine}. A bad value fails
 * activation with a message for the installer.
 */
@Component(configurationPid = "org.nsegw.rules.cleanliness", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = CleanlinessRules.class)
@Designate(ocd = CleanlinessConfig.class)
public final class CleanlinessRules {

    private final CleanlinessSettings settings;

    @Activate
    public CleanlinessRules(Map<String, Object> properties,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.settings = CleanlinessSettings.fromProperties(properties);
        log.info("Cleanliness thresholds: muddy {}, uncovered {}, dirty road {}; {} registered haulers",
                settings.muddyConfidence(), settings.uncoveredConfidence(), settings.dirtyRoadConfidence(),
                settings.haulers().size());
    }

    CleanlinessSettings settings() {
        return settings;
    }
}
