package org.nsegw.fusion.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One lane: what the site file says of it, what the site compiler fills in from the devices section (cameras, weigh
 * sensors, neighbours) and the timing of fusion (docs/fusion.md explains each setting).
 */
@ObjectClassDefinition(id = "org.nsegw.fusion.lane", name = "Lane",
        description = "A lane the gateway watches, and how fusion puts its weigh records, plate reads and observations together.")
@interface LaneConfig {

    @AttributeDefinition(name = "Lane id", description = "unique id of the lane on this gateway, e.g. L1")
    String id();

    @AttributeDefinition(name = "Name", required = false, description = "e.g. 北向第1车道")
    String name() default "";

    @AttributeDefinition(name = "Direction", required = false, description = "direction of travel, e.g. northbound, 出场; "
            + "lanes next to each other in the file with the same direction are neighbours (a vehicle may straddle them)")
    String direction() default "";

    @AttributeDefinition(name = "Cameras", required = false, description = "filled in from the devices section, not set "
            + "in a site file: each ANPR camera of the lane as ID:POSITION:DISTANCE_M, e.g. anpr-L1-front:front:-25.0")
    String[] cameras() default {};

    @AttributeDefinition(name = "Weigh sensors", required = false, description = "filled in from the devices section, not "
            + "set in a site file: the ids of the lane's weigh sensors")
    String[] weighSensors() default {};

    @AttributeDefinition(name = "Neighbouring lanes", required = false, description = "lanes a vehicle may straddle this one "
            + "with; when not given: the lanes before and after it in the file with the same direction; [] for none")
    String[] neighbours() default {};

    @AttributeDefinition(name = "Read tolerance (s)", min = "0", max = "60", description = "how far a read may be from "
            + "its expected time whatever the speed: camera clock (NTP) and trigger")
    double fusion_readToleranceSeconds() default 0.3;

    @AttributeDefinition(name = "Speed tolerance (%)", min = "0", max = "50", description = "how far the weigh sensor's "
            + "speed may be off: windows widen by this share of the time from sensor to camera")
    double fusion_speedTolerancePercent() default 3;

    @AttributeDefinition(name = "Distance tolerance (m)", min = "0", max = "50", description = "how far from the "
            + "camera's distanceM a plate may be read (overhangs, trigger line)")
    double fusion_distanceToleranceM() default 1.5;

    @AttributeDefinition(name = "Late read (s)", min = "0", max = "3600", description = "how long before its receive time "
            + "a read of a camera whose clock fusion cannot tell may have been seen (a late retry)")
    double fusion_lateReadSeconds() default 10;

    @AttributeDefinition(name = "Latency (s)", min = "0", max = "600", description = "how late weigh records and reads "
            + "may reach the gateway; passages wait this long beyond their windows")
    double fusion_latencySeconds() default 3;

    @AttributeDefinition(name = "Slowest vehicle (km/h)", min = "1", max = "200", description = "the slowest vehicle "
            + "fusion waits for: a front read stays claimable until such a vehicle could have reached the sensor")
    double fusion_minSpeedKmh() default 10;

    @AttributeDefinition(name = "Longest vehicle (m)", min = "1", max = "100", description = "for records without axle "
            + "spacings, and for how long front reads stay claimable")
    double fusion_maxVehicleLengthM() default 20;

    @AttributeDefinition(name = "Duplicate (s)", min = "0", max = "600", description = "a camera reading the same plate "
            + "again within this is a duplicate, kept once (a repeated event id always is)")
    double fusion_duplicateSeconds() default 5;

    @AttributeDefinition(name = "Straddle (s)", min = "0", max = "10", description = "records of neighbouring lanes this "
            + "close in time, alike and flagged LANE_CHANGE or PARTIAL_VEHICLE, are one straddling vehicle")
    double fusion_straddleSeconds() default 0.3;

    @AttributeDefinition(name = "Tailgating (s)", min = "0", max = "60", description = "a vehicle whose first axle follows "
            + "the previous one's last axle closer than this is flagged TAILGATING")
    double fusion_tailgatingSeconds() default 1.0;

    @AttributeDefinition(name = "Gate window (s)", min = "1", max = "3600", description = "at a gate: how long after the "
            + "gate read (the truck driving onto the scale) its weighing and observations may come; an exit is emitted "
            + "about this plus the observation lead and the latency after its read")
    double fusion_gateWindowSeconds() default 15;

    @AttributeDefinition(name = "Gate: earliest weighing (s)", min = "0", max = "600", description = "at a gate: how soon "
            + "after the gate read the scale's weighing can come (driving on and the scale's stable time); a read this much "
            + "after the previous one means the previous truck has left the scale; less than the gate window")
    double fusion_gateWeighMinSeconds() default 2;

    @AttributeDefinition(name = "Gate: observation lead (s)", min = "0", max = "600", description = "at a gate: how long "
            + "before the gate read the site camera may see the truck")
    double fusion_gateObservationLeadSeconds() default 2;

    @AttributeDefinition(name = "Unweighed reads", description = "which reads no weigh record claims become NO_WEIGHT "
            + "passages", options = {@Option(value = "none", label = "none"),
                    @Option(value = "large", label = "large vehicles (yellow plates, trailers)"), @Option(value = "all", label = "all")})
    String fusion_unweighed() default "large";
}
