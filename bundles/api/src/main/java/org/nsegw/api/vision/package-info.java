/** Cleanliness observations made on site-exit camera frames. */
@Export
@Version("0.2.0")
package org.nsegw.api.vision;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
