/** What the uplink offers other bundles of the gateway about its MQTT connection (remote configuration and the installer console use it). */
@Export
@Version("0.2.0")
package org.nsegw.api.uplink;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
