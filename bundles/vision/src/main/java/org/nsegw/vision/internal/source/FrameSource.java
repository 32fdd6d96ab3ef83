package org.nsegw.vision.internal.source;

/** Something that delivers a camera's frames to a {@link FrameSink} on a thread of its own until stopped. */
public interface FrameSource extends AutoCloseable {

    /** Starts delivering. */
    void start();

    /** Stops delivering and waits (bounded) for the source's thread to end. */
    @Override
    void close();
}
