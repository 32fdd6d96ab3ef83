package org.nsegw.api.runtime;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the site configurator once it has read the site file. Its service properties carry the outcome
 * so that a launcher outside the framework can read them without sharing classes.
 */
@ProviderType
public interface SiteState {

    /** Service property: {@value #APPLIED} or {@value #INVALID}. */
    String STATE = "nsegw.site.state";
    String APPLIED = "applied";
    String INVALID = "invalid";

    /** Service property: the problems found, one {@code file:line:column: message} string each. */
    String PROBLEMS = "nsegw.site.problems";

    /** Service property: the site file read. */
    String FILE = "nsegw.site.file";

    /** Service property: the gateway id from the site file (only when applied). */
    String GATEWAY_ID = "nsegw.gateway.id";

    /** Whether the site file was valid and its configurations are in place. */
    boolean applied();

    /** The problems found, one {@code file:line:column: message} string each; empty when applied. */
    List<String> problems();
}
