package org.nsegw.api.runtime;

/** Framework properties through which a launcher tells the gateway's bundles where things are. */
public final class GatewayProperties {

    /** The site configuration file to apply. */
    public static final String SITE_FILE = "nsegw.site";

    /** The directory that holds everything the gateway writes (logs, status, evidence, outbox). */
    public static final String DATA_DIR = "nsegw.data";

    /** The directory of device profiles, laid out as {@code <kind>/<model>.yaml}. */
    public static final String PROFILES_DIR = "nsegw.profiles";

    /** Settings on top of the site file, one {@code TARGET.KEY=VALUE} per line ({@code nsegw run --set}). */
    public static final String SITE_SETTINGS = "nsegw.site.settings";

    private GatewayProperties() {
    }
}
