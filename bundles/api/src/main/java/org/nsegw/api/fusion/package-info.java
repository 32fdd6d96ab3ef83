/** Passages: one vehicle's weigh record, plate reads and observations combined. */
@Export
@Version("0.3.0")
package org.nsegw.api.fusion;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
