package org.nsegw.rules.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.Verification;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.Suspension;
import org.nsegw.api.weigh.TyreFitting;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.api.weigh.WeighRecord;

/** Passages for the tests: a vehicle of a given layout and weight, built step by step. */
final class Traffic {

    /** 2026-11-23 10:15 in Hangzhou. */
    static final Instant TIME = Instant.parse("2026-11-23T02:15:00Z");
    static final Verification VALID = new Verification("ZJJL-WIM-2026-0101", LocalDate.of(2027, 6, 30));
    static final String PLATE = "浙A12345";
    static final String TRAILER = "浙A6789挂";

    /** Typical spacings of each Art. 3 row, as the traffic emulator drives them. */
    static final int[] TRUCK_2 = {0, 4_500};
    static final int[] TRUCK_3 = {0, 4_000, 1_350};
    static final int[] COMBINATION_3 = {0, 3_600, 6_800};
    static final int[] TRUCK_4 = {0, 1_900, 4_200, 1_350};
    static final int[] COMBINATION_4 = {0, 3_500, 6_600, 1_310};
    static final int[] COMBINATION_5 = {0, 3_600, 7_000, 1_310, 1_310};
    /** A 6x4 tractor (tandem drive) and a tridem semi-trailer. */
    static final int[] COMBINATION_6 = {0, 3_200, 1_350, 7_200, 1_310, 1_310};
    /** A 4x2 tractor (one drive axle) and a 4-axle semi-trailer. */
    static final int[] COMBINATION_6_SINGLE_DRIVE = {0, 3_600, 6_500, 1_310, 1_310, 1_310};

    private int[] spacings = TRUCK_2;
    private int gross = 10_000;
    private TyreFitting[] tyres;
    private Suspension[] suspension;
    private String accuracyClass = "5";
    private Verification verification = VALID;
    private final Set<WeighFlag> weighFlags = EnumSet.noneOf(WeighFlag.class);
    private final Set<PassageFlag> flags = EnumSet.noneOf(PassageFlag.class);
    private String plate = PLATE;
    private String trailer = "";
    private String lane = "L1";
    private Instant time = TIME;
    private boolean weighed = true;
    private boolean rearRead = true;
    private PlateColor color = PlateColor.YELLOW;
    private List<AxleGroup> groups = List.of();
    private final List<Observation> observations = new ArrayList<>();
    private final List<PlateRead> otherReads = new ArrayList<>();

    static Traffic vehicle(int[] spacings, int grossKg) {
        Traffic t = new Traffic();
        t.spacings = spacings.clone();
        t.gross = grossKg;
        return t;
    }

    /** A vehicle of a row of the table: a trailer plate for combinations, a rear read of its own plate for trucks. */
    static Traffic row(int axles, VehicleKind kind, int grossKg) {
        int[] s = switch (axles) {
            case 2 -> TRUCK_2;
            case 3 -> kind == VehicleKind.TRUCK ? TRUCK_3 : COMBINATION_3;
            case 4 -> kind == VehicleKind.TRUCK ? TRUCK_4 : COMBINATION_4;
            case 5 -> COMBINATION_5;
            default -> COMBINATION_6;
        };
        Traffic t = vehicle(s, grossKg);
        return kind == VehicleKind.COMBINATION ? t.trailer(TRAILER) : t;
    }

    /** A passage with no weigh record, as at a site gate without a scale. */
    static Traffic unweighed() {
        Traffic t = new Traffic();
        t.weighed = false;
        t.rearRead = false;
        return t;
    }

    Traffic gross(int kg) {
        gross = kg;
        return this;
    }

    Traffic tyres(TyreFitting... t) {
        tyres = t;
        return this;
    }

    Traffic suspension(Suspension... s) {
        suspension = s;
        return this;
    }

    Traffic accuracyClass(String c) {
        accuracyClass = c;
        return this;
    }

    Traffic verification(Verification v) {
        verification = v;
        return this;
    }

    Traffic flag(WeighFlag f) {
        weighFlags.add(f);
        return this;
    }

    Traffic flag(PassageFlag f) {
        flags.add(f);
        return this;
    }

    Traffic plate(String p) {
        plate = p;
        return this;
    }

    Traffic trailer(String t) {
        trailer = t;
        return this;
    }

    Traffic lane(String l) {
        lane = l;
        return this;
    }

    Traffic at(Instant t) {
        time = t;
        return this;
    }

    Traffic noRearRead() {
        rearRead = false;
        return this;
    }

    Traffic color(PlateColor c) {
        color = c;
        return this;
    }

    Traffic groups(AxleGroup... g) {
        groups = List.of(g);
        return this;
    }

    /** One more read of this passage, after the front and rear reads: {@code ""} is an unreadable read. */
    Traffic alsoRead(String cameraId, CameraPosition position, String text) {
        otherReads.add(read(cameraId, position, text, "e-" + cameraId + "-" + otherReads.size()));
        return this;
    }

    Traffic observed(ObservationKind kind, double confidence) {
        observations.add(new Observation("cam-exit", lane, time, kind, 0.5, confidence, List.of()));
        return this;
    }

    WeighRecord weighRecord() {
        List<Axle> axles = new ArrayList<>();
        for (int i = 0; i < spacings.length; i++) {
            TyreFitting t = tyres == null ? TyreFitting.UNKNOWN : tyres[i];
            Suspension s = suspension == null ? Suspension.UNKNOWN : suspension[i];
            axles.add(new Axle(gross / spacings.length, spacings[i], t, s));
        }
        return new WeighRecord("wim-" + lane, lane, time, 62.5, axles, groups, gross, accuracyClass, verification,
                weighFlags, new byte[] {1, 2, 3});
    }

    Passage passage() {
        List<PlateRead> reads = new ArrayList<>();
        if (!plate.isEmpty()) {
            reads.add(read(CameraPosition.FRONT, plate));
        }
        if (!trailer.isEmpty()) {
            reads.add(read(CameraPosition.REAR, trailer));
        } else if (rearRead && !plate.isEmpty()) {
            reads.add(read(CameraPosition.REAR, plate));
        }
        reads.addAll(otherReads);
        return new Passage("p-" + lane + "-" + time.getEpochSecond(), lane, time, weighed ? weighRecord() : null, reads,
                observations, flags, plate, trailer, List.of());
    }

    private PlateRead read(CameraPosition position, String text) {
        return read("anpr-" + lane + "-" + position, position, text, "e-" + position);
    }

    private PlateRead read(String cameraId, CameraPosition position, String text, String eventId) {
        PlateKind kind = text.isEmpty() ? PlateKind.UNREADABLE : text.endsWith("挂") ? PlateKind.TRAILER : PlateKind.NORMAL;
        return new PlateRead(cameraId, lane, position, time, text, text.isEmpty() ? "?" : text, kind,
                text.isEmpty() ? PlateColor.UNKNOWN : color, 95, eventId, List.of(), time, time, Set.of(), List.of());
    }
}
