package org.nsegw.health.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.nsegw.gateway", name = "Gateway", description = "Who and where this gateway is.")
@interface GatewayConfig {

    @AttributeDefinition(name = "Gateway id",
            description = "unique id of this gateway, used in topic names, case ids and file names, e.g. hz-qtb3-gw1")
    String id();

    @AttributeDefinition(name = "Name", required = false, description = "a name people recognise, e.g. 钱塘江三桥 北岸称重点")
    String name() default "";

    @AttributeDefinition(name = "Station code", min = "1", max = "32",
            description = "the enforcement platform's code of this detection station (检测站点编码); it starts every case id")
    String stationCode();

    @AttributeDefinition(name = "Latitude", min = "-90", max = "90", description = "WGS-84 latitude in degrees")
    double location_latitude();

    @AttributeDefinition(name = "Longitude", min = "-180", max = "180", description = "WGS-84 longitude in degrees")
    double location_longitude();

    @AttributeDefinition(name = "Road", required = false, description = "road number, e.g. G104")
    String location_road() default "";

    @AttributeDefinition(name = "Place", required = false, description = "where exactly, e.g. 北岸引桥 K12+300")
    String location_description() default "";

    @AttributeDefinition(name = "Time zone", description = "time zone of local times in logs and reports")
    String timezone() default "Asia/Shanghai";
}
