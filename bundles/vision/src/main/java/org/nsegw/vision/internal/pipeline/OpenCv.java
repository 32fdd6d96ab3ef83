package org.nsegw.vision.internal.pipeline;

import java.util.Optional;

/**
 * Loads OpenCV's natives once per JVM. The openpnp bundle carries them for linux x86_64, ARMv7 and ARMv8 (and more) and
 * has no Bundle-NativeCode header: {@code nu.pattern.OpenCV.loadLocally()} extracts the library for this platform to a
 * temporary file and loads it into the opencv bundle's class loader, where the {@code org.opencv} classes live. It
 * takes about a second (a 65 MB library), so cameras call it on their own thread, never while activating.
 */
public final class OpenCv {

    private static Optional<String> failure;

    private OpenCv() {
    }

    /** Loads the natives if not yet loaded; returns why they cannot be, or empty when OpenCV is ready. */
    public static synchronized Optional<String> load() {
        if (failure == null) {
            try {
                nu.pattern.OpenCV.loadLocally();
                failure = Optional.empty();
            } catch (RuntimeException | LinkageError e) {
                failure = Optional.of("OpenCV cannot load on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                        + ": " + e);
            }
        }
        return failure;
    }

    /** The OpenCV version, once loaded. */
    public static String version() {
        return org.opencv.core.Core.VERSION;
    }
}
