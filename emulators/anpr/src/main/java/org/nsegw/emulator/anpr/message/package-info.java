/**
 * The messages cameras send, byte for byte and pure: Hikvision ISAPI alerts (XML in either namespace, or JSON) in
 * multipart/form-data pushes and alert-stream parts, heartbeats; Dahua ITSAPI TollgateInfo and KeepAlive JSON and
 * snapManager event text. Written from public descriptions of the formats, apart from the gateway's parsers.
 */
package org.nsegw.emulator.anpr.message;
