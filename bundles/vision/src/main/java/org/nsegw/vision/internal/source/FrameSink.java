package org.nsegw.vision.internal.source;

/** Where a frame source hands what it gets. Called from the source's own thread; must return quickly. */
public interface FrameSink {

    /** A JPEG arrived (checked for its markers and size, not decoded). */
    void frame(Frame frame);

    /**
     * No frame this time.
     *
     * @param detail what exactly, in words an installer can act on
     */
    void problem(SourceProblem problem, String detail);
}
