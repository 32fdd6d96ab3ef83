package org.nsegw.emulator.camera.scene;

import java.util.Objects;

/**
 * How a scene is lit and degraded.
 *
 * @param light       day, dusk or night
 * @param rain        rain streaks and a wet road with reflections
 * @param shadows     shadows of trees and buildings falling across the exit (the truck's own shadow is always there by day)
 * @param noise       sensor noise, the standard deviation as a share of full scale (0.02 is about 5 grey levels); night
 *                    adds gain on top
 * @param jpegQuality the camera's JPEG quality, 1 to 100
 */
public record Condition(Light light, boolean rain, boolean shadows, double noise, int jpegQuality) {

    public static final Condition CLEAR_DAY = new Condition(Light.DAY, false, false, 0.01, 90);

    public Condition {
        Objects.requireNonNull(light, "light");
        if (!(noise >= 0 && noise <= 0.5)) {
            throw new IllegalArgumentException("noise must be 0 to 0.5, not " + noise);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality must be 1 to 100, not " + jpegQuality);
        }
    }

    public Condition withLight(Light l) {
        return new Condition(l, rain, shadows, noise, jpegQuality);
    }

    public Condition withRain(boolean r) {
        return new Condition(light, r, shadows, noise, jpegQuality);
    }

    public Condition withShadows(boolean s) {
        return new Condition(light, rain, s, noise, jpegQuality);
    }

    public Condition withNoise(double n) {
        return new Condition(light, rain, shadows, n, jpegQuality);
    }

    public Condition withJpegQuality(int q) {
        return new Condition(light, rain, shadows, noise, q);
    }
}
