package org.nsegw.fusion.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/** One lane of the site file. Fusing a lane's weigh records and reads into passages is not part of this version yet. */
@Component(configurationPid = "org.nsegw.fusion.lane", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LaneConfig.class, factory = true)
public final class Lane {

    @Activate
    public Lane(LaneConfig config, @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        log.info("Lane {} {} {}", config.id(), config.name(), config.direction());
    }
}
