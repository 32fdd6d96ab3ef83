package org.nsegw.evidence.internal;

import java.util.Map;
import org.nsegw.evidence.internal.content.GatewayIdentity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The gateway's identity from the configuration {@code org.nsegw.gateway} (the site file's {@code gateway} section,
 * designated by the health bundle), offered to this bundle's evidence component: it cannot make a case id without
 * the station code, so it starts only once the identity is there.
 */
@Component(configurationPid = "org.nsegw.gateway", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = GatewayConfiguration.class)
public final class GatewayConfiguration {

    private final GatewayIdentity identity;

    @Activate
    public GatewayConfiguration(Map<String, Object> properties) {
        this.identity = GatewayIdentity.fromProperties(properties);
    }

    GatewayIdentity identity() {
        return identity;
    }
}
