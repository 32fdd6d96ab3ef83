package org.nsegw.fusion.internal;

import java.time.Duration;
import java.time.Instant;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.fusion.internal.LaneSettings.Camera;
import org.nsegw.fusion.internal.LaneSettings.Timing;

/**
 * When cameras should see a weighed vehicle. Vehicles keep their speed between camera and sensor, so a camera
 * {@code d} metres from the sensor sees the front plate {@code d / v} before the first axle crosses the sensor
 * (front cameras, {@code d < 0}) and the rear plate {@code d / v} after the last axle has crossed (rear cameras). The
 * record's time is the last axle's; the first axle crossed one wheelbase (the sum of the axle spacings) earlier.
 */
final class TimeModel {

    /** Below this a record has no usable speed (a static scale): its windows are the gate window around its time. */
    static final double MIN_MEASURED_KMH = 1;

    private TimeModel() {
    }

    static Instant plus(Instant t, double seconds) {
        return t.plusNanos(Math.round(seconds * 1e9));
    }

    static double wheelbaseM(WeighRecord r) {
        return r.axles().stream().mapToInt(Axle::spacingToPreviousMm).sum() / 1000.0;
    }

    static boolean hasSpeed(WeighRecord r) {
        return r.speedKmh() >= MIN_MEASURED_KMH;
    }

    /** When the first axle crossed the sensor (the record's time when the wheelbase or speed is unknown). */
    static Instant firstAxle(WeighRecord r) {
        return hasSpeed(r) ? plus(r.time(), -wheelbaseM(r) / (r.speedKmh() / 3.6)) : r.time();
    }

    /** Where the camera's read of the vehicle of {@code r} must lie. */
    static Span window(WeighRecord r, Camera c, Timing t) {
        if (c.position() == CameraPosition.GATE || !hasSpeed(r)) {
            return Span.around(r.time(), t.gateWindowSeconds());
        }
        double v = r.speedKmh() / 3.6;
        double travel = Math.abs(c.distanceM()) / v;
        if (c.position() == CameraPosition.REAR) {
            double tol = tolerance(t, travel, v);
            return Span.around(plus(r.time(), travel), tol);
        }
        if (r.axles().isEmpty()) {
            // no wheelbase: the front plate passed between one longest vehicle and no vehicle before the last axle
            double longest = t.maxVehicleLengthM() / v;
            double tol = tolerance(t, travel + longest, v);
            return new Span(plus(r.time(), -(travel + longest) - tol), plus(r.time(), -travel + tol));
        }
        double lead = travel + wheelbaseM(r) / v;
        return Span.around(plus(r.time(), -lead), tolerance(t, lead, v));
    }

    /** The half-width of a window: the fixed part, the speed error over the travel time, the distance uncertainty. */
    static double tolerance(Timing t, double travelSeconds, double speedMs) {
        return t.readToleranceSeconds() + travelSeconds * t.speedTolerancePercent() / 100 + t.distanceToleranceM() / speedMs;
    }

    /**
     * How long after a read's time a weigh record that claims it may still come (before its latency): a front read
     * belongs to a vehicle whose last axle crosses up to one longest vehicle plus the camera's distance later, at the
     * slowest speed waited for; a rear read to one weighed before it.
     */
    static double claimHorizon(Camera c, Timing t) {
        double v = t.minSpeedKmh() / 3.6;
        return switch (c.position()) {
            case GATE -> 3 * t.gateWindowSeconds();
            case REAR -> tolerance(t, c.distanceM() / v, v);
            case FRONT -> {
                double lead = (t.maxVehicleLengthM() + Math.abs(c.distanceM())) / v;
                yield lead + tolerance(t, lead, v);
            }
        };
    }

    /**
     * Where the true time of a read lies: as its camera's clock tells ({@link CameraClocks}), else up to
     * {@code lateReadSeconds} before its time (the receive time), as a late retry is received after the vehicle passed.
     */
    static Span readSpan(PlateRead read, Span seen, Timing t) {
        return seen != null ? seen : new Span(plus(read.time(), -t.lateReadSeconds()), read.time());
    }

    /** Reads known no better than this only confirm a plate, never settle one. */
    static final double WEAK_SPAN_SECONDS = 1.5;

    static boolean isWeak(Span span) {
        return Duration.between(span.from(), span.to()).toNanos() > WEAK_SPAN_SECONDS * 1e9;
    }
}
