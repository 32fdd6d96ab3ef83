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
 * The site's overweight settings, checked, offered to the {@link RulesEngine}. A bad value fails activation with a
 * message for the installer.
 */
@Component(configurationPid = "org.nsegw.rules.overweight", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = OverweightRules.class)
@Designate(ocd = OverweightConfig.class)
public final class OverweightRules {

    private final OverweightSettings settings;

    @Activate
    public OverweightRules(Map<String, Object> properties,
            @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.settings = OverweightSettings.fromProperties(properties);
        log.info("Overweight limits: statutory (Art. 3), posted {} kg{}, tolerance {}, {} camera(s) reading the plate alike for a case",
                settings.postedLimitKg(),
                settings.laneLimitsKg().isEmpty() ? "" : ", per lane " + new java.util.TreeMap<>(settings.laneLimitsKg()),
                settings.toleranceFromAccuracyClass() ? "from the device accuracy class" : settings.tolerancePercent() + " %",
                settings.plateReadsForCase());
    }

    OverweightSettings settings() {
        return settings;
    }
}
