package org.nsegw.api.runtime;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the health component: whether every configured component of the gateway is active. Its service
 * properties carry the same facts for launchers outside the framework, and change as components come and go.
 */
@ProviderType
public interface Readiness {

    /** Service property (Boolean): every configured component is active and none has failed. */
    String READY = "nsegw.ready";

    /** Service property (Integer): how many component configurations are active. */
    String ACTIVE = "nsegw.components.active";

    /** Service property (String[]): components that are configured but not active, each with the reason. */
    String PENDING = "nsegw.components.pending";

    boolean ready();

    /** Components that are configured but not active, each as {@code name: reason}. */
    List<String> pending();
}
