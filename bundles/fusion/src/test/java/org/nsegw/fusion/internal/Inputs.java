package org.nsegw.fusion.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadFlag;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.fusion.internal.LaneSettings.Camera;

/** Hand-built inputs for the fusion tests: lanes like the bridge example's, records and reads at exact times. */
final class Inputs {

    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private Inputs() {
    }

    /** A bridge lane: front camera 25 m before the sensor, rear camera 18 m after it, default timing. */
    static LaneSettings bridgeLane(String id, String... neighbours) {
        return LaneSettings.of(id, List.of(new Camera("anpr-" + id + "-front", CameraPosition.FRONT, -25),
                new Camera("anpr-" + id + "-rear", CameraPosition.REAR, 18)), List.of("wim-" + id), List.of(neighbours));
    }

    /** A site exit: a gate camera, a truck scale, a site camera. */
    static LaneSettings gateLane(String id) {
        return LaneSettings.of(id, List.of(new Camera("anpr-gate", CameraPosition.GATE, 0)), List.of("scale-exit"), List.of());
    }

    static Instant at(double seconds) {
        return TimeModel.plus(T0, seconds);
    }

    /**
     * A record of a vehicle whose last axle crossed at {@code lastAxleS} (seconds from T0) at {@code kmh}, with the
     * given spacings in mm after the first axle.
     */
    static WeighRecord weigh(String lane, double lastAxleS, double kmh, int grossKg, int... spacingsMm) {
        return weigh("wim-" + lane, lane, lastAxleS, kmh, grossKg, Set.of(), spacingsMm);
    }

    static WeighRecord weigh(String device, String lane, double lastAxleS, double kmh, int grossKg, Set<WeighFlag> flags,
            int... spacingsMm) {
        List<Axle> axles = new ArrayList<>();
        axles.add(new Axle(grossKg / (spacingsMm.length + 1), 0));
        for (int s : spacingsMm) {
            axles.add(new Axle(grossKg / (spacingsMm.length + 1), s));
        }
        return new WeighRecord(device, lane, at(lastAxleS), kmh, axles, List.of(), grossKg, "5", null,
                flags.isEmpty() ? EnumSet.noneOf(WeighFlag.class) : EnumSet.copyOf(flags), new byte[] {1});
    }

    static PlateRead front(String lane, double s, String plate, PlateReadFlag... flags) {
        return read("anpr-" + lane + "-front", lane, CameraPosition.FRONT, s, plate, flags);
    }

    static PlateRead rear(String lane, double s, String plate, PlateReadFlag... flags) {
        return read("anpr-" + lane + "-rear", lane, CameraPosition.REAR, s, plate, flags);
    }

    static PlateRead read(String camera, String lane, CameraPosition position, double s, String plate, PlateReadFlag... flags) {
        return read(camera, lane, position, s, plate, camera + "@" + s + "#" + plate, flags);
    }

    static PlateRead read(String camera, String lane, CameraPosition position, double s, String plate, String eventId,
            PlateReadFlag... flags) {
        PlateKind kind = plate.isEmpty() ? PlateKind.UNREADABLE : plate.endsWith("挂") ? PlateKind.TRAILER : PlateKind.NORMAL;
        PlateColor color = plate.isEmpty() ? PlateColor.UNKNOWN : plate.startsWith("浙B") ? PlateColor.BLUE : PlateColor.YELLOW;
        Set<PlateReadFlag> f = flags.length == 0 ? EnumSet.noneOf(PlateReadFlag.class) : EnumSet.copyOf(List.of(flags));
        return new PlateRead(camera, lane, position, at(s), plate, plate.isEmpty() ? "???" : plate, kind, color, 95, eventId,
                List.of(), at(s), at(s), f, List.of());
    }

    /** The read as the gateway receives a late push of it: flagged CLOCK_OFFSET, its time the receive time. */
    static PlateRead late(PlateRead r, double seconds) {
        Set<PlateReadFlag> flags = EnumSet.of(PlateReadFlag.CLOCK_OFFSET);
        flags.addAll(r.flags());
        Instant received = TimeModel.plus(r.time(), seconds);
        return new PlateRead(r.cameraId(), r.lane(), r.position(), received, r.plate(), r.rawText(), r.kind(), r.color(),
                r.confidence(), r.eventId(), r.images(), r.cameraTime(), received, flags, r.notes());
    }

    static Observation observation(String lane, double s, ObservationKind kind) {
        return new Observation("cam-exit", lane, at(s), kind, 0.6, 0.9, List.of());
    }

    /** When a camera at {@code distanceM} sees the front plate of a vehicle (last axle at {@code lastAxleS}). */
    static double frontTime(double lastAxleS, double kmh, double distanceM, int... spacingsMm) {
        double wheelbase = 0;
        for (int s : spacingsMm) {
            wheelbase += s / 1000.0;
        }
        return lastAxleS - wheelbase / (kmh / 3.6) + distanceM / (kmh / 3.6);
    }

    static double rearTime(double lastAxleS, double kmh, double distanceM) {
        return lastAxleS + distanceM / (kmh / 3.6);
    }
}
