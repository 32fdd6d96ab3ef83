/** Per-vehicle weigh records from weigh-in-motion systems and truck scales. */
@Export
@Version("0.2.0")
package org.nsegw.api.weigh;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
