/**
 * Pull streams: an incremental, bounded multipart splitter, and what a stream gives ({@code Pulled}: a camera message
 * or refused bytes, counted per {@code Refusal}). Pure: no sockets, threads or clocks.
 */
package org.nsegw.anpr.internal.stream;
