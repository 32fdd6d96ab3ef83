package org.nsegw.fusion.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nsegw.api.anpr.CameraPosition;

/**
 * What fusion needs to know about one lane: its cameras and where they stand, its weigh sensors, the lanes a vehicle
 * may straddle it with, and the timing tolerances. Built from one {@code org.nsegw.fusion.lane} configuration.
 *
 * @param id           the lane id, e.g. {@code L1}
 * @param cameras      the lane's ANPR cameras
 * @param weighSensors the ids of the lane's weigh sensors (empty: the lane weighs nothing)
 * @param neighbours   the lanes a vehicle may straddle this one with
 * @param timing       windows and tolerances
 */
public record LaneSettings(String id, List<Camera> cameras, List<String> weighSensors, List<String> neighbours, Timing timing) {

    /** Property ids of the lane configuration (see LaneConfig). */
    static final String CAMERAS = "cameras";
    static final String WEIGH_SENSORS = "weighSensors";
    static final String NEIGHBOURS = "neighbours";

    /**
     * One ANPR camera of the lane.
     *
     * @param id        the camera's device id
     * @param position  front, rear or gate
     * @param distanceM along the direction of travel from the weigh sensor: negative before it, positive after it
     */
    public record Camera(String id, CameraPosition position, double distanceM) {
        public Camera {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(position, "position");
        }

        /** The form of one item of the lane's {@code cameras} property: {@code anpr-L1-front:front:-25.0}. */
        public String property() {
            return id + ":" + position.name().toLowerCase(Locale.ROOT) + ":" + distanceM;
        }
    }

    /**
     * Timing of the lane, seconds unless the name says otherwise; {@link #DEFAULT} documents the defaults.
     *
     * @param readToleranceSeconds  how far a camera's read may be from its expected time whatever the speed (camera clock
     *                              and trigger)
     * @param speedTolerancePercent how far the weigh sensor's speed may be off; widens windows by that share of the
     *                              travel time between sensor and camera
     * @param distanceToleranceM    how far a plate may be read from the camera's distance (overhangs, trigger line)
     * @param lateReadSeconds       how much earlier than its time a read flagged CLOCK_OFFSET (time = receive time) may
     *                              have been seen
     * @param latencySeconds        how late records and reads may reach the gateway after their time
     * @param minSpeedKmh           the slowest vehicle fusion waits for: bounds how long reads stay claimable
     * @param maxVehicleLengthM     the longest vehicle (for records without axle spacings, and the waiting bound)
     * @param duplicateSeconds      a second read of the same plate by the same camera within this is a duplicate
     * @param straddleSeconds       two neighbouring sensors weighing within this (and alike) weighed one vehicle
     * @param tailgatingSeconds     a vehicle whose first axle follows the previous one's last axle closer than this
     *                              is tailgating
     * @param gateWindowSeconds     at a gate: how long after the gate read the exit's weighing and observations may
     *                              come; for a bridge record without speed: how far its reads may be from it
     * @param gateWeighMinSeconds   at a gate: how soon after the gate read (the truck driving onto the scale) the
     *                              scale's weighing may come at the earliest; also the shortest time in which a truck
     *                              can be weighed and leave, so a read this much after another one closes the earlier
     *                              truck's visit of the scale
     * @param gateObservationLeadSeconds at a gate: how long before the gate read a site camera may see the truck
     * @param unweighed             which reads that no weigh record claims become NO_WEIGHT passages
     */
    public record Timing(double readToleranceSeconds, double speedTolerancePercent, double distanceToleranceM,
            double lateReadSeconds, double latencySeconds, double minSpeedKmh, double maxVehicleLengthM,
            double duplicateSeconds, double straddleSeconds, double tailgatingSeconds, double gateWindowSeconds,
            double gateWeighMinSeconds, double gateObservationLeadSeconds, Unweighed unweighed) {

        public static final Timing DEFAULT = new Timing(0.3, 3, 1.5, 10, 3, 10, 20, 5, 0.3, 1.0, 15, 2, 2, Unweighed.LARGE);

        public Timing {
            Objects.requireNonNull(unweighed, "unweighed");
        }

        /** The same timing with another choice of unweighed reads. */
        public Timing withUnweighed(Unweighed choice) {
            return new Timing(readToleranceSeconds, speedTolerancePercent, distanceToleranceM, lateReadSeconds, latencySeconds,
                    minSpeedKmh, maxVehicleLengthM, duplicateSeconds, straddleSeconds, tailgatingSeconds, gateWindowSeconds,
                    gateWeighMinSeconds, gateObservationLeadSeconds, choice);
        }
    }

    /** Which reads without a weigh record are worth a passage. */
    public enum Unweighed {
        /** None: they are dropped once no weigh record can claim them any more. */
        NONE,
        /** Plates of large vehicles (yellow, yellow-green, trailers): a truck the sensor missed is worth a record. */
        LARGE,
        /** Every readable plate. */
        ALL
    }

    public LaneSettings {
        Objects.requireNonNull(id, "id");
        cameras = List.copyOf(cameras);
        weighSensors = List.copyOf(weighSensors);
        neighbours = List.copyOf(neighbours);
        Objects.requireNonNull(timing, "timing");
    }

    /** A lane with default timing. */
    public static LaneSettings of(String id, List<Camera> cameras, List<String> weighSensors, List<String> neighbours) {
        return new LaneSettings(id, cameras, weighSensors, neighbours, Timing.DEFAULT);
    }

    /** Whether the lane is a site gate: a gate camera's reads anchor its passages. */
    public boolean isGate() {
        return cameras.stream().anyMatch(c -> c.position() == CameraPosition.GATE);
    }

    /**
     * From one org.nsegw.fusion.lane configuration's properties (Integer/Long/Double/String/String[] values as ConfigAdmin
     * or the site compiler give them); IllegalArgumentException with an installer-facing message. Missing optional keys
     * take defaults.
     */
    public static LaneSettings fromProperties(Map<String, ?> properties) {
        Object idValue = properties.get("id");
        String id = idValue == null ? "" : idValue.toString().strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a lane needs an id, e.g. id: L1");
        }
        Reader r = new Reader(id, properties);
        List<Camera> cameras = new ArrayList<>();
        for (String item : r.texts(CAMERAS)) {
            cameras.add(camera(id, item));
        }
        Timing d = Timing.DEFAULT;
        Timing timing = new Timing(
                r.number("fusion.readToleranceSeconds", d.readToleranceSeconds(), 0, 60),
                r.number("fusion.speedTolerancePercent", d.speedTolerancePercent(), 0, 50),
                r.number("fusion.distanceToleranceM", d.distanceToleranceM(), 0, 50),
                r.number("fusion.lateReadSeconds", d.lateReadSeconds(), 0, 3600),
                r.number("fusion.latencySeconds", d.latencySeconds(), 0, 600),
                r.number("fusion.minSpeedKmh", d.minSpeedKmh(), 1, 200),
                r.number("fusion.maxVehicleLengthM", d.maxVehicleLengthM(), 1, 100),
                r.number("fusion.duplicateSeconds", d.duplicateSeconds(), 0, 600),
                r.number("fusion.straddleSeconds", d.straddleSeconds(), 0, 10),
                r.number("fusion.tailgatingSeconds", d.tailgatingSeconds(), 0, 60),
                r.number("fusion.gateWindowSeconds", d.gateWindowSeconds(), 1, 3600),
                r.number("fusion.gateWeighMinSeconds", d.gateWeighMinSeconds(), 0, 600),
                r.number("fusion.gateObservationLeadSeconds", d.gateObservationLeadSeconds(), 0, 600),
                r.choice("fusion.unweighed", d.unweighed()));
        if (timing.gateWeighMinSeconds() >= timing.gateWindowSeconds()) {
            throw new IllegalArgumentException("lane " + id + ": fusion.gateWeighMinSeconds (" + timing.gateWeighMinSeconds()
                    + ") must be less than fusion.gateWindowSeconds (" + timing.gateWindowSeconds() + ")");
        }
        List<String> neighbours = r.texts(NEIGHBOURS);
        if (neighbours.contains(id)) {
            throw new IllegalArgumentException("lane " + id + ": neighbours lists the lane itself; list the lanes next to it");
        }
        return new LaneSettings(id, cameras, r.texts(WEIGH_SENSORS), neighbours, timing);
    }

    private static Camera camera(String lane, String item) {
        String[] parts = item.strip().split(":");
        String example = " must be CAMERA:POSITION:DISTANCE_M, e.g. anpr-" + lane + "-front:front:-25";
        if (parts.length != 3 || parts[0].isBlank()) {
            throw new IllegalArgumentException("lane " + lane + ": camera '" + item + "'" + example);
        }
        CameraPosition position;
        try {
            position = CameraPosition.valueOf(parts[1].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lane " + lane + ": camera " + parts[0] + " has position '" + parts[1]
                    + "'; use front, rear or gate");
        }
        double distance;
        try {
            distance = Double.parseDouble(parts[2].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lane " + lane + ": camera " + parts[0] + " has distance '" + parts[2]
                    + "'; give metres from the weigh sensor, e.g. -25 before it or 18 after it");
        }
        if (!Double.isFinite(distance) || position == CameraPosition.FRONT && distance > 0
                || position == CameraPosition.REAR && distance < 0) {
            throw new IllegalArgumentException("lane " + lane + ": camera " + parts[0] + " is a " + parts[1].strip()
                    + " camera at " + parts[2].strip() + " m; front cameras stand before the weigh sensor (distanceM "
                    + "negative, e.g. -25), rear cameras after it (positive, e.g. 18)");
        }
        return new Camera(parts[0].strip(), position, distance);
    }

    /** Typed access to configuration values, whatever wrapper or text form they come in. */
    private record Reader(String lane, Map<String, ?> properties) {

        List<String> texts(String key) {
            Object v = properties.get(key);
            List<String> out = new ArrayList<>();
            if (v instanceof String[] array) {
                out.addAll(List.of(array));
            } else if (v instanceof Iterable<?> items) {
                items.forEach(i -> out.add(String.valueOf(i)));
            } else if (v != null) {
                out.addAll(List.of(v.toString().split(",")));
            }
            return out.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        double number(String key, double fallback, double min, double max) {
            Object v = properties.get(key);
            if (v == null || v instanceof String s && s.isBlank()) {
                return fallback;
            }
            double d;
            if (v instanceof Number n) {
                d = n.doubleValue();
            } else {
                try {
                    d = Double.parseDouble(v.toString().strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("lane " + lane + ": " + key + " '" + v + "' is not a number; e.g. "
                            + key + ": " + fallback);
                }
            }
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException("lane " + lane + ": " + key + " is " + v + "; it must be " + min + " to "
                        + max + " (default " + fallback + ")");
            }
            return d;
        }

        Unweighed choice(String key, Unweighed fallback) {
            Object v = properties.get(key);
            if (v == null || v.toString().isBlank()) {
                return fallback;
            }
            try {
                return Unweighed.valueOf(v.toString().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lane " + lane + ": " + key + " '" + v + "'; use none, large or all");
            }
        }
    }
}
