package org.nsegw.kura.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The properties of the service that makes one of our configurations a Kura {@code ConfigurableComponent}. Kura's
 * ConfigurationService keys a component by {@code kura.service.pid} (what its UI and cloud configuration call it)
 * and reaches its configuration through {@code service.pid}; a factory instance also names its
 * {@code service.factoryPid}, whose metatype Kura then uses.
 */
final class KuraServiceProperties {

    static final String KURA_SERVICE_PID = "kura.service.pid";
    /** Marks our registrations, so that they can be told from Kura's own components. */
    static final String OFFERED_BY = "nsegw.kura.offeredBy";
    static final String BUNDLE = "org.nsegw.kura";

    private KuraServiceProperties() {
    }

    /** A singleton configuration: Kura knows it by its pid. */
    static Dictionary<String, Object> singleton(String pid) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_PID, pid);
        p.put(KURA_SERVICE_PID, pid);
        p.put(OFFERED_BY, BUNDLE);
        return p;
    }

    /**
     * One configuration of a factory pid (a lane, a device). Configurations Kura created carry the
     * {@code kura.service.pid} it gave them; any other is known to Kura by its service pid.
     */
    static Dictionary<String, Object> factoryInstance(String servicePid, String factoryPid, Object kuraServicePid) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_PID, servicePid);
        p.put(ConfigurationAdmin.SERVICE_FACTORYPID, factoryPid);
        p.put(KURA_SERVICE_PID, kuraServicePid instanceof String s && !s.isBlank() ? s : servicePid);
        p.put(OFFERED_BY, BUNDLE);
        return p;
    }
}
