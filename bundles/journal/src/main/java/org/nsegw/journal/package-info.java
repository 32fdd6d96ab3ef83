/** The JSON form of the gateway's domain records, and the journal of passages written with it. */
@Export
@Version("0.1.0")
package org.nsegw.journal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
