package org.nsegw.emulator.anpr.read;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.Faults;
import org.nsegw.emulator.traffic.EmulatedVehicle;

/**
 * A camera's plate recognition: turns each sighting into a read, with the camera's faults. Pure and reproducible:
 * the same camera, faults, seed and sightings give the same reads. Every read draws the same random numbers whatever
 * the faults, so switching one fault on does not change the others' choices.
 */
public final class Recognizer {

    static final String[] VEHICLE_COLORS = {"White", "Yellow", "Blue", "Red", "Green", "Gray"};
    private static final DateTimeFormatter PICTURE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final EmulatedCamera camera;
    private final Faults faults;
    private final SplittableRandom random;
    private long sequence;

    public Recognizer(EmulatedCamera camera, Faults faults, long seed) {
        this.camera = camera;
        this.faults = faults;
        this.random = new SplittableRandom(seed);
    }

    /** All reads of a list of sightings, in order. */
    public List<CameraRead> readAll(List<Sighting> sightings) {
        return sightings.stream().map(this::read).toList();
    }

    public CameraRead read(Sighting s) {
        long seq = ++sequence;
        boolean missed = random.nextDouble() < faults.miss();
        boolean wantMisread = random.nextDouble() < faults.misread();
        SplittableRandom misreadRandom = random.split();
        boolean low = random.nextDouble() < faults.lowConfidence();
        int highConfidence = 85 + random.nextInt(15);
        int lowConfidence = 40 + random.nextInt(30);
        boolean prefixed = random.nextDouble() < faults.colorPrefix();
        boolean duplicate = random.nextDouble() < faults.duplicate();
        UUID uuid = new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & ~(3L << 62)) | (2L << 62));

        Optional<String> misreading = wantMisread ? Misreads.misread(s.plate(), misreadRandom) : Optional.empty();
        String sentPlate = misreading.orElse(s.plate());
        PlateColor color = PlateColors.ofTruckPlate(s.plate());
        String text = prefixed ? PlateColors.chinese(color) + sentPlate : sentPlate;
        // camera clocks count milliseconds
        OffsetDateTime cameraTime = s.time().plus(faults.clockOffset()).truncatedTo(ChronoUnit.MILLIS).atOffset(camera.zone());
        String eventId = camera.protocol().isHikvision() ? uuid.toString()
                : camera.deviceId() + "-" + PICTURE_TIME.format(cameraTime) + "-" + String.format("%05d", seq);
        return new CameraRead(s, seq, eventId, sentPlate, text, color, low ? lowConfidence : highConfidence,
                misreading.isPresent(), prefixed, low, missed, duplicate, cameraTime);
    }

    /** The colour of a vehicle's body: the same for every camera that sees it. */
    public static String vehicleColor(EmulatedVehicle v) {
        return VEHICLE_COLORS[(int) Math.floorMod(v.serial() * 0x9E3779B97F4A7C15L >>> 33, (long) VEHICLE_COLORS.length)];
    }
}
