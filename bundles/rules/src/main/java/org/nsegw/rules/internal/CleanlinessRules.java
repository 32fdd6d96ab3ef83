package org.nsegw.rules.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/** The site's cleanliness thresholds and hauler list. Judging exit events is not part of this version yet. */
@Component(configurationPid = "org.nsegw.rules.cleanliness", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CleanlinessConfig.class)
public final class CleanlinessRules {

    @Activate
    public CleanlinessRules(CleanlinessConfig config, @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        log.info("Cleanliness thresholds: muddy {}, uncovered {}, dirty road {}; {} registered haulers",
                config.muddyConfidence(), config.uncoveredConfidence(), config.dirtyRoadConfidence(), config.haulers().length);
    }
}
