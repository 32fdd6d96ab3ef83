package org.nsegw.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.nsegw.rules.cleanliness", name = "Cleanliness rules",
        description = "When a site-exit observation becomes a case, and which trucks may haul from the site.")
@interface CleanlinessConfig {

    @AttributeDefinition(name = "Muddy vehicle confidence", min = "0", max = "1",
            description = "minimum detector confidence for a muddy-vehicle case")
    double muddyConfidence() default 0.8;

    @AttributeDefinition(name = "Uncovered load confidence", min = "0", max = "1",
            description = "minimum detector confidence for an uncovered-load case")
    double uncoveredConfidence() default 0.8;

    @AttributeDefinition(name = "Dirty road confidence", min = "0", max = "1",
            description = "minimum detector confidence for a dirty-road case against the site")
    double dirtyRoadConfidence() default 0.8;

    @AttributeDefinition(name = "Registered haulers", required = false,
            description = "plates of the trucks registered to haul from this site; empty: no hauler check")
    String[] haulers() default {};

    @AttributeDefinition(name = "Enforcement item code", required = false,
            description = "the code the platform files cleanliness cases under")
    String enforcementCode() default "";
}
