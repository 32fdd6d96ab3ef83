package org.nsegw.console.internal;

import java.io.IOException;
import java.util.Dictionary;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Who the gateway is, as its own configuration ({@code org.nsegw.gateway}, the site file's {@code gateway} section)
 * says: the console shows it on every page and names its certificate after it.
 */
record GatewayIdentity(String id, String name, String stationCode) {

    static final String PID = "org.nsegw.gateway";

    /** Read from Configuration Admin; a gateway not configured yet is called "gateway". */
    static GatewayIdentity of(ConfigurationAdmin configAdmin) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + PID + ")");
            if (found != null && found.length > 0 && found[0].getProperties() != null) {
                Dictionary<String, Object> p = found[0].getProperties();
                return new GatewayIdentity(text(p.get("id"), "gateway"), text(p.get("name"), ""), text(p.get("stationCode"), ""));
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // the filter is a constant
        }
        return new GatewayIdentity("gateway", "", "");
    }

    private static String text(Object value, String otherwise) {
        return value == null ? otherwise : value.toString();
    }
}
