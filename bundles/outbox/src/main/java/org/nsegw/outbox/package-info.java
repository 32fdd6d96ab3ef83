/**
 * The durable outbox: every packet the gateway accepts is kept on disk, with its row in SQLite, until the platform
 * acknowledges it. Plain Java: usable without OSGi. See {@code docs/outbox.md}.
 */
@Export
@Version("0.2.0")
package org.nsegw.outbox;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
