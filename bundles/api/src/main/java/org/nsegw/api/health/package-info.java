/**
 * The gateway's health report and its alarms ({@code docs/operations.md}, "Health and alarms"), offered by the health
 * bundle to the uplink (retained status, heartbeat, alarm messages) and to remote configuration's status command.
 */
@Export
@Version("0.1.0")
package org.nsegw.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
