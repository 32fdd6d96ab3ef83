package org.nsegw.fusion.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.nsegw.fusion.lane", name = "Lane", description = "A lane the gateway watches.")
@interface LaneConfig {

    @AttributeDefinition(name = "Lane id", description = "unique id of the lane on this gateway, e.g. L1")
    String id();

    @AttributeDefinition(name = "Name", required = false, description = "e.g. 北向第1车道")
    String name() default "";

    @AttributeDefinition(name = "Direction", required = false, description = "direction of travel, e.g. northbound, 出场")
    String direction() default "";
}
