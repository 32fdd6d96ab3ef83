/** Verdicts on passages, with findings an officer can read. */
@Export
@Version("0.1.0")
package org.nsegw.api.rules;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
