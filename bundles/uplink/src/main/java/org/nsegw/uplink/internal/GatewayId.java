package org.nsegw.uplink.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The gateway's id from the configuration {@code org.nsegw.gateway} (the site file's {@code gateway} section, designated
 * by the health bundle): the uplink's topics and default client id are made of it, so it starts only once it is there.
 */
@Component(configurationPid = "org.nsegw.gateway", configurationPolicy = ConfigurationPolicy.REQUIRE, service = GatewayId.class)
public final class GatewayId {

    private final String id;

    @Activate
    public GatewayId(Map<String, Object> properties) {
        Object value = properties.get("id");
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("the gateway configuration has no id");
        }
        this.id = s;
    }

    String id() {
        return id;
    }
}
