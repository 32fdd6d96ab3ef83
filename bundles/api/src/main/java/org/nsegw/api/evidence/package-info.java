/** References to files and signed evidence packets in the gateway's data directory. */
@Export
@Version("0.1.0")
package org.nsegw.api.evidence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
