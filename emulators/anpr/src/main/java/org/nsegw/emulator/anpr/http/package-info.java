/**
 * HTTP as cameras speak it: a posting client with Basic or Digest (RFC 7616) authentication and camera-like retries,
 * and the server side of Digest for the event streams cameras serve. The Digest computations, both sides, are the
 * gateway's own, {@link org.nsegw.anpr.internal.http.Digest}: the emulator only adapts them.
 */
package org.nsegw.emulator.anpr.http;
