package org.nsegw.emulator.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nsegw.emulator.camera.scene.ConditionMix;
import org.nsegw.emulator.camera.scene.Label;
import org.nsegw.emulator.camera.scene.RenderedScene;
import org.nsegw.emulator.camera.scene.SceneRenderer;
import org.nsegw.emulator.camera.scene.SceneSpec;

/**
 * A labelled data set of exit stills: {@code exit-SEED.jpg} with {@code exit-SEED.json} for the seeds
 * {@code seed .. seed + count - 1}, each scene drawn by {@link SceneSpec#random} from the condition mix. The same
 * arguments always give the same files.
 */
public final class Dataset {

    /** What was written: images, and per violation type how many show it. */
    public record Summary(int images, int trucks, int muddy, int uncovered, int dirtyRoad) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d images: %d with a truck (%d muddy, %d uncovered loads), %d with a dirty road", images, trucks,
                    muddy, uncovered, dirtyRoad);
        }
    }

    private Dataset() {
    }

    public static Summary render(Path dir, long seed, int count, int width, int height, ConditionMix mix) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        Files.createDirectories(dir);
        int trucks = 0;
        int muddy = 0;
        int uncovered = 0;
        int dirty = 0;
        for (long s = seed; s < seed + count; s++) {
            RenderedScene r = SceneRenderer.render(SceneSpec.random(s, width, height, mix));
            r.write(dir, String.format(Locale.ROOT, "exit-%06d", s));
            Label l = r.label();
            trucks += l.truckPresent() ? 1 : 0;
            muddy += l.muddyVehicle() ? 1 : 0;
            uncovered += l.uncoveredLoad() ? 1 : 0;
            dirty += l.dirtyRoad() ? 1 : 0;
        }
        return new Summary(count, trucks, muddy, uncovered, dirty);
    }
}
