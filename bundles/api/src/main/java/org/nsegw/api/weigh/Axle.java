package org.nsegw.api.weigh;

import java.util.Objects;

/**
 * One axle of a weighed vehicle.
 *
 * @param loadKg              the measured load on the axle
 * @param spacingToPreviousMm the distance to the axle in front, 0 for the first axle
 * @param tyres               single or dual tyres, when known
 */
public record Axle(int loadKg, int spacingToPreviousMm, TyreFitting tyres) {

    public Axle {
        Objects.requireNonNull(tyres, "tyres");
        if (loadKg < 0) {
            throw new IllegalArgumentException("negative axle load " + loadKg);
        }
        if (spacingToPreviousMm < 0) {
            throw new IllegalArgumentException("negative axle spacing " + spacingToPreviousMm);
        }
    }

    public Axle(int loadKg, int spacingToPreviousMm) {
        this(loadKg, spacingToPreviousMm, TyreFitting.UNKNOWN);
    }
}
