/**
 * Pull streams: an incremental, bounded multipart splitter, and what a stream gives ({@code Pulled}: a camera message
 * or refused bytes, counted per {@code Refusal}). Pure: no sockets, threads or clocks.
 *
 * <p>Exported for one friend only: the site cameras ({@code org.nsegw.vision}) split their HTTP MJPEG streams
 * ({@code multipart/x-mixed-replace}) with the same {@code MultipartSplitter} rather than a second one. Not an API for
 * anyone else; it changes with the cameras.
 */
@Export
@Version("1.0.0")
package org.nsegw.anpr.internal.stream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
