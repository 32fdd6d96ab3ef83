package org.nsegw.emulator.camera.scene;

import java.util.Objects;
import java.util.SplittableRandom;
import org.nsegw.emulator.traffic.Plates;

/**
 * What to render: the truth of a site-exit scene and how it is lit. The same spec always gives the same pixels.
 *
 * @param seed        the truck's and the dirt's look (colour, axles, mud, tarp, stains)
 * @param siteSeed    the backdrop: buildings, hoarding, the wash area's puddles; fixed per camera so that a stream's
 *                    frames share it
 * @param frame       varies the sensor noise and the rain from frame to frame (0 for stills)
 * @param width       image width in pixels (the camera's view is the same at every size)
 * @param height      image height in pixels
 * @param condition   light, rain, shadows, noise, JPEG quality
 * @param truck       the truck at the exit, or {@code null} for an empty exit
 * @param dirtyRoad   mud tracks and patches on the road at the exit
 * @param truckOffset where the truck is, as a share of the image width from its stopping place at the gate (negative:
 *                    still in the site, positive: leaving); stills stop at 0, within a jitter of ±0.02
 */
public record SceneSpec(long seed, long siteSeed, long frame, int width, int height, Condition condition, Truck truck,
        boolean dirtyRoad, double truckOffset) {

    public SceneSpec {
        Objects.requireNonNull(condition, "condition");
        if (width < 160 || height < 90 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("image size must be 160x90 to 4096x4096, not " + width + "x" + height);
        }
        if (!Double.isFinite(truckOffset)) {
            throw new IllegalArgumentException("truckOffset must be finite");
        }
    }

    /** A still: the truck (if any) stopped at the gate, backdrop from the same seed. */
    public static SceneSpec still(long seed, int width, int height, Condition condition, Truck truck, boolean dirtyRoad) {
        return new SceneSpec(seed, seed, 0, width, height, condition, truck, dirtyRoad, 0);
    }

    /**
     * A still with a random truth and conditions drawn from {@code mix}: a truck in 85 % of scenes, muddy in 40 % of
     * those; loads 35 % covered, 25 % closed, 40 % uncovered; the road dirty in 35 % of scenes.
     */
    public static SceneSpec random(long seed, int width, int height, ConditionMix mix) {
        SplittableRandom r = new SplittableRandom(seed * 0x632BE59BD9B4E019L + 0x1234567L);
        Condition condition = mix.draw(r);
        Truck truck = null;
        if (r.nextDouble() < 0.85) {
            double l = r.nextDouble();
            Load load = l < 0.35 ? Load.COVERED : l < 0.60 ? Load.CLOSED : Load.UNCOVERED;
            truck = new Truck(Plates.truck(r), r.nextDouble() < 0.40, load);
        }
        boolean dirty = r.nextDouble() < 0.35;
        return still(seed, width, height, condition, truck, dirty);
    }

    public SceneSpec withTruck(Truck t, double offset) {
        return new SceneSpec(seed, siteSeed, frame, width, height, condition, t, dirtyRoad, offset);
    }

    public SceneSpec withCondition(Condition c) {
        return new SceneSpec(seed, siteSeed, frame, width, height, c, truck, dirtyRoad, truckOffset);
    }

    public SceneSpec withSize(int w, int h) {
        return new SceneSpec(seed, siteSeed, frame, w, h, condition, truck, dirtyRoad, truckOffset);
    }

    public SceneSpec withDirtyRoad(boolean dirty) {
        return new SceneSpec(seed, siteSeed, frame, width, height, condition, truck, dirty, truckOffset);
    }

    public SceneSpec withFrame(long f) {
        return new SceneSpec(seed, siteSeed, f, width, height, condition, truck, dirtyRoad, truckOffset);
    }
}
