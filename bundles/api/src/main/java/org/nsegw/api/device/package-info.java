/** Device identity, status and legal verification, reported by every device component. */
@Export
@Version("0.1.0")
package org.nsegw.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
