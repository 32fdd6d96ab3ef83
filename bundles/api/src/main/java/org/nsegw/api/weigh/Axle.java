package org.nsegw.api.weigh;

import java.util.Objects;

/**
 * One axle of a weighed vehicle.
 *
 * @param loadKg              the measured load on the axle
 * @param spacingToPreviousMm the distance to the axle in front, 0 for the first axle
 * @param tyres               single or dual tyres, when known
 * @param suspension          air or other suspension, when known
 */
public record Axle(int loadKg, int spacingToPreviousMm, TyreFitting tyres, Suspension suspension) {

    public Axle {
        Objects.requireNonNull(tyres, "tyres");
        Objects.requireNonNull(suspension, "suspension");
        if (loadKg < 0) {
            throw new IllegalArgumentException("negative axle load " + loadKg);
        }
        if (spacingToPreviousMm < 0) {
            throw new IllegalArgumentException("negative axle spacing " + spacingToPreviousMm);
        }
    }

    public Axle(int loadKg, int spacingToPreviousMm, TyreFitting tyres) {
        this(loadKg, spacingToPreviousMm, tyres, Suspension.UNKNOWN);
    }

    public Axle(int loadKg, int spacingToPreviousMm) {
        this(loadKg, spacingToPreviousMm, TyreFitting.UNKNOWN, Suspension.UNKNOWN);
    }
}
