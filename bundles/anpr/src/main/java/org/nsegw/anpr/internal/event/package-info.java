/**
 * What cameras send, parsed: pure, no sockets, no files. Vendor parsers turn message bodies into
 * {@link org.nsegw.anpr.internal.event.CameraEvent}s or throw {@link org.nsegw.anpr.internal.event.MalformedEvent}
 * with what exactly is wrong; nothing partial is ever returned.
 */
package org.nsegw.anpr.internal.event;
