/**
 * HTTP as cameras speak it: a posting client with Basic or Digest (RFC 7616) authentication and camera-like retries,
 * and the server side of Digest for the event streams cameras serve.
 */
package org.nsegw.emulator.anpr.http;
