/**
 * Site files and device profiles: reading them, checking them against the components' metatype, and turning
 * them into the configurations the components run with. Pure: no OSGi, no threads; reads files only where a
 * method says so. Used inside the framework by the site configurator and outside it by the {@code nsegw} tools.
 */
@Export
@Version("0.1.0")
package org.nsegw.site;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
