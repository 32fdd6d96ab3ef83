/** Names shared between the launcher, the site configurator and the health component. */
@Export
@Version("0.1.0")
package org.nsegw.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
