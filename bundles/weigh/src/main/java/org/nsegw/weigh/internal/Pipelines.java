package org.nsegw.weigh.internal;

import java.time.Duration;
import org.nsegw.weigh.internal.codec.WeightUnit;
import org.nsegw.weigh.internal.driver.Pipeline;
import org.nsegw.weigh.internal.weighing.StaticWeighing;

/** Builds the pipeline a weigh sensor's protocol needs, from its configuration. */
final class Pipelines {

    private Pipelines() {
    }

    /**
     * @throws IllegalArgumentException with a message an installer can act on, when the configuration cannot work
     */
    static Pipeline create(WeighSensorConfig c) {
        throw new IllegalArgumentException("protocol " + c.protocol() + " is not supported by this version");
    }

    static StaticWeighing staticWeighing(WeighSensorConfig c) {
        return new StaticWeighing(new StaticWeighing.Settings(c.static_thresholdKg(), Duration.ofMillis(c.static_stableMs()),
                c.static_toleranceKg()));
    }

    static WeightUnit unit(WeighSensorConfig c) {
        return c.units().equals("t") ? WeightUnit.T : WeightUnit.KG;
    }
}
