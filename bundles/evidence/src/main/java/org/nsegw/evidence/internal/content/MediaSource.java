package org.nsegw.evidence.internal.content;

import java.io.IOException;

/** Reads a file the gateway stored earlier (an image, a clip), by its path relative to the data directory. */
@FunctionalInterface
public interface MediaSource {

    byte[] read(String path) throws IOException;
}
