package org.nsegw.vision.internal.pipeline;

/** Loads OpenCV for a test JVM, failing the test with the reason if it cannot. */
final class OpenCvForTests {

    private OpenCvForTests() {
    }

    static void load() {
        OpenCv.load().ifPresent(reason -> {
            throw new AssertionError(reason);
        });
    }
}
