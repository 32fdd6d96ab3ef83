/** Plate reads delivered by ANPR cameras, tied to a lane and a camera position. */
@Export
@Version("0.2.0")
package org.nsegw.api.anpr;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
