package org.nsegw.weigh.internal.driver;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.WeighFlag;

/**
 * A vehicle measured by a pipeline, before the driver adds who measured it.
 *
 * @param time     when the measurement completed (the last axle, or the stable reading)
 * @param speedKmh the speed, 0 on a static scale
 * @param axles    the axles, empty on a static scale
 * @param groups   the axle groups when known
 * @param grossKg  the gross weight
 * @param flags    quality conditions
 * @param raw      the bytes it came from
 */
public record Measurement(Instant time, double speedKmh, List<Axle> axles, List<AxleGroup> groups, int grossKg,
        Set<WeighFlag> flags, byte[] raw) {
}
