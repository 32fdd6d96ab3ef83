package org.nsegw.rules.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/** The site's overweight limits. Judging passages against them is not part of this version yet. */
@Component(configurationPid = "org.nsegw.rules.overweight", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OverweightConfig.class)
public final class OverweightRules {

    @Activate
    public OverweightRules(OverweightConfig config, @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        Map<String, Integer> lanes = LaneLimits.parse(config.laneLimitsKg());
        log.info("Overweight limits: posted {} kg{}, tolerance {}", config.postedLimitKg(),
                lanes.isEmpty() ? "" : ", per lane " + lanes,
                config.tolerancePercent() < 0 ? "from the device accuracy class" : config.tolerancePercent() + " %");
    }
}
