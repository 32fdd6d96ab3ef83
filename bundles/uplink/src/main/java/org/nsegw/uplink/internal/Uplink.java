package org.nsegw.uplink.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/** The uplink's settings, checked. Connecting to the broker is not part of this version yet. */
@Component(configurationPid = "org.nsegw.uplink", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = UplinkConfig.class)
public final class Uplink {

    static final Set<String> SCHEMES = Set.of("tcp", "ssl", "mqtt", "mqtts");

    @Activate
    public Uplink(UplinkConfig config, @Reference(name = "log", service = LoggerFactory.class) Logger log) {
        URI broker = brokerUri(config.broker());
        log.info("Uplink to {} (MQTT {}), topics under {}/; no MQTT client in this version", broker,
                config.mqttVersion(), config.topicPrefix());
    }

    static URI brokerUri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("broker '" + text + "' must be tcp://HOST:PORT or ssl://HOST:PORT");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker '" + text + "' is not a URL: " + e.getReason());
        }
    }
}
