package org.nsegw.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.nsegw.rules.overweight", name = "Overweight rules",
        description = "Limits beyond the statutory ones of 《超限运输车辆行驶公路管理规定》 Art. 3, the tolerance, and the plate reads a case needs.")
@interface OverweightConfig {

    @AttributeDefinition(name = "Posted limit (kg)", min = "0", max = "200000",
            description = "the posted limit (限载) of the bridge or road, Art. 27; 0 when there is none")
    int postedLimitKg() default 0;

    @AttributeDefinition(name = "Posted limits per lane (kg)", required = false,
            description = "LANE=KG items for lanes whose posted limit differs, e.g. L4=30000")
    String[] laneLimitsKg() default {};

    @AttributeDefinition(name = "Tolerance (%)", min = "-1", max = "20",
            description = "how far above a limit a gross weight may be before it is a violation; -1 takes the device's accuracy class")
    double tolerancePercent() default -1;

    @AttributeDefinition(name = "Plate reads for a case", min = "1", max = "3",
            description = "how many cameras must read the vehicle's plate alike before an overweight is a case; with fewer it goes to review."
                    + " 2: two agreeing reads, e.g. front and rear camera of a truck (a trailer's 挂 plate does not confirm its tractor's,"
                    + " so combinations go to review); 1 accepts a single read: faster, fewer reviews, but relies on the officer"
                    + " checking the picture for a camera misread")
    int plateReadsForCase() default 2;

    @AttributeDefinition(name = "Enforcement item code", required = false,
            description = "the code the platform files overweight cases under")
    String enforcementCode() default "";
}
