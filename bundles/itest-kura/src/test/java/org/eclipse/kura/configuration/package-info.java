/** The one type of Kura's configuration API the gateway needs, exported as Kura's API bundle exports it. */
@Export
@Version("1.2.0")
package org.eclipse.kura.configuration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
