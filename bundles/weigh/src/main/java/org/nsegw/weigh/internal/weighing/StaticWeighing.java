package org.nsegw.weigh.internal.weighing;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.weigh.internal.codec.ScaleFlag;
import org.nsegw.weigh.internal.codec.ScaleReading;

/**
 * Turns the reading stream of a static truck scale into one weighing per vehicle: the load must stay above the
 * threshold, without motion and within the scale's division, for the stable time; the vehicle must then leave
 * (the load fall below half the threshold) before the next weighing. Pure: time comes with each reading.
 *
 * <p>A vehicle that leaves before its load was ever stable gives no weighing; it is counted.
 */
public final class StaticWeighing {

    /**
     * @param thresholdKg a load at or above this is a vehicle on the scale
     * @param stable      how long the load must be steady
     * @param toleranceKg how far readings within the stable time may differ (one or two scale divisions)
     */
    public record Settings(int thresholdKg, Duration stable, int toleranceKg) {
        public Settings {
            if (thresholdKg < 1) {
                throw new IllegalArgumentException("static.thresholdKg must be at least 1 kg, not " + thresholdKg);
            }
            if (stable.isNegative() || stable.isZero()) {
                throw new IllegalArgumentException("static.stableMs must be positive");
            }
            if (toleranceKg < 0) {
                throw new IllegalArgumentException("static.toleranceKg must not be negative");
            }
        }
    }

    /**
     * One vehicle weighed.
     *
     * @param weightKg the stable weight, rounded to whole kilograms
     * @param time     when the load had been stable for the stable time
     * @param flags    OVERLOAD when the scale reported it during the weighing
     * @param raw      the frames of the stable time, as evidence
     */
    public record Weighing(int weightKg, Instant time, Set<WeighFlag> flags, byte[] raw) {
    }

    private enum State {
        EMPTY, LOADED, WEIGHED
    }

    private record Sample(Instant time, BigDecimal kg, byte[] raw) {
    }

    /** Raw frames kept as evidence of a weighing; a 10 Hz scale gives 20 in 2 s. */
    static final int MAX_EVIDENCE_FRAMES = 100;

    private final Settings settings;
    private final Deque<Sample> window = new ArrayDeque<>();
    private State state = State.EMPTY;
    private boolean overload;
    private long unstableVehicles;

    public StaticWeighing(Settings settings) {
        this.settings = settings;
    }

    /**
     * A reading arrived.
     *
     * @param reading  the reading
     * @param kilograms the reading's weight in kilograms (the codec's unit or the profile's)
     * @param raw      the frame it came from
     * @param at       when it arrived
     * @return a weighing when this reading completed one
     */
    public Optional<Weighing> accept(ScaleReading reading, BigDecimal kilograms, byte[] raw, Instant at) {
        boolean onScale = kilograms.compareTo(BigDecimal.valueOf(settings.thresholdKg())) >= 0
                || reading.flags().contains(ScaleFlag.OVERLOAD);
        boolean gone = kilograms.compareTo(BigDecimal.valueOf(settings.thresholdKg() / 2.0)) < 0
                && !reading.flags().contains(ScaleFlag.OVERLOAD);
        switch (state) {
            case EMPTY -> {
                if (onScale) {
                    state = State.LOADED;
                    overload = false;
                    window.clear();
                    return add(reading, kilograms, raw, at);
                }
            }
            case LOADED -> {
                if (gone) {
                    unstableVehicles++;
                    state = State.EMPTY;
                    window.clear();
                } else {
                    return add(reading, kilograms, raw, at);
                }
            }
            case WEIGHED -> {
                if (gone) {
                    state = State.EMPTY;
                }
            }
        }
        return Optional.empty();
    }

    /** Vehicles that left before their load was stable. */
    public long unstableVehicles() {
        return unstableVehicles;
    }

    private Optional<Weighing> add(ScaleReading reading, BigDecimal kg, byte[] raw, Instant at) {
        overload |= reading.flags().contains(ScaleFlag.OVERLOAD);
        if (!reading.isStable() || !onScaleValue(kg)) {
            window.clear(); // motion restarts the stable time
            return Optional.empty();
        }
        window.addLast(new Sample(at, kg, raw));
        // Keep only readings within the tolerance of the newest: a drift restarts the stable time.
        BigDecimal tolerance = BigDecimal.valueOf(settings.toleranceKg());
        while (window.stream().anyMatch(s -> s.kg().subtract(kg).abs().compareTo(tolerance) > 0)) {
            window.removeFirst();
        }
        if (Duration.between(window.getFirst().time(), at).compareTo(settings.stable()) < 0) {
            return Optional.empty();
        }
        state = State.WEIGHED;
        Set<WeighFlag> flags = overload ? EnumSet.of(WeighFlag.OVERLOAD) : EnumSet.noneOf(WeighFlag.class);
        ByteArrayOutputStream evidence = new ByteArrayOutputStream();
        window.stream().skip(Math.max(0, window.size() - MAX_EVIDENCE_FRAMES)).forEach(s -> evidence.writeBytes(s.raw()));
        Weighing w = new Weighing(kg.setScale(0, RoundingMode.HALF_UP).intValueExact(), at, flags, evidence.toByteArray());
        window.clear();
        return Optional.of(w);
    }

    private boolean onScaleValue(BigDecimal kg) {
        return kg.compareTo(BigDecimal.valueOf(settings.thresholdKg())) >= 0;
    }
}
