package org.nsegw.emulator.anpr.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.Faults;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;

class RecognizerTest {

    static final EmulatedCamera FRONT = EmulatedCamera.of("anpr-L1-front", "L1", CameraPosition.FRONT, -25, CameraProtocol.HIKVISION_ISAPI_XML);
    static final List<EmulatedVehicle> TRAFFIC = TrafficScenario.bridge(3, 900, 0.2).vehicles(4000);
    static final List<Sighting> SIGHTINGS = CameraTiming.sightings(FRONT, TRAFFIC);

    @Test
    void withoutFaultsEveryPlateIsReadAsItIsWithHighConfidence() {
        List<CameraRead> reads = new Recognizer(FRONT, Faults.NONE, 1).readAll(SIGHTINGS);
        assertThat(reads).hasSizeGreaterThan(800);
        for (CameraRead r : reads) {
            assertThat(r.plateText()).isEqualTo(r.sentPlate()).isEqualTo(r.sighting().plate());
            assertThat(r.confidence()).isBetween(85, 99);
            assertThat(r.color()).isEqualTo(PlateColor.YELLOW);
            assertThat(r.missed() || r.misread() || r.duplicate() || r.colorPrefixed() || r.lowConfidence()).isFalse();
            assertThat(r.cameraTime().toInstant()).isEqualTo(r.sighting().time().truncatedTo(ChronoUnit.MILLIS));
            assertThat(r.cameraTime().getOffset()).isEqualTo(EmulatedCamera.CHINA);
        }
        assertThat(reads).extracting(CameraRead::eventId).doesNotHaveDuplicates();
        assertThat(reads).extracting(CameraRead::sequence).startsWith(1L, 2L, 3L);
    }

    @Test
    void faultsHappenAtTheirRates() {
        Faults faults = Faults.parse("miss=0.1,misread=0.05,lowconf=0.2,colorprefix=0.3,duplicate=0.04");
        List<CameraRead> reads = new Recognizer(FRONT, faults, 2).readAll(SIGHTINGS);
        double n = reads.size();
        assertThat(reads.stream().filter(CameraRead::missed).count() / n).isBetween(0.07, 0.13);
        assertThat(reads.stream().filter(CameraRead::misread).count() / n).isBetween(0.03, 0.07);
        assertThat(reads.stream().filter(CameraRead::lowConfidence).count() / n).isBetween(0.16, 0.24);
        assertThat(reads.stream().filter(CameraRead::colorPrefixed).count() / n).isBetween(0.26, 0.34);
        assertThat(reads.stream().filter(CameraRead::duplicate).count() / n).isBetween(0.02, 0.06);
        for (CameraRead r : reads) {
            assertThat(r.confidence()).isBetween(r.lowConfidence() ? 40 : 85, r.lowConfidence() ? 69 : 99);
            assertThat(r.plateText()).isEqualTo(r.colorPrefixed() ? "黄" + r.sentPlate() : r.sentPlate());
            assertThat(r.sentPlate().equals(r.sighting().plate())).isEqualTo(!r.misread());
        }
    }

    @Test
    void aMisreadChangesOneSerialCharacterToALookAlike() {
        List<CameraRead> reads = new Recognizer(FRONT, Faults.parse("misread=1"), 3).readAll(SIGHTINGS);
        assertThat(reads.stream().filter(CameraRead::misread).count()).isGreaterThan(reads.size() * 9L / 10);
        for (CameraRead r : reads.stream().filter(CameraRead::misread).toList()) {
            String truth = r.sighting().plate();
            String read = r.sentPlate();
            assertThat(read).hasSameSizeAs(truth);
            assertThat(read.substring(0, 2)).isEqualTo(truth.substring(0, 2));
            int differences = 0;
            for (int i = 0; i < truth.length(); i++) {
                if (truth.charAt(i) != read.charAt(i)) {
                    differences++;
                    assertThat(Misreads.SIMILAR.get(truth.charAt(i))).isEqualTo(read.charAt(i));
                }
            }
            assertThat(differences).isEqualTo(1);
        }
    }

    @Test
    void aTrailerPlateKeepsItsSuffix() {
        assertThat(Misreads.misread("浙A1234挂", new SplittableRandom(1))).hasValueSatisfying(p -> assertThat(p).startsWith("浙A").endsWith("挂"));
        assertThat(Misreads.misread("浙AKKKKK", new SplittableRandom(1))).isEmpty();
    }

    @Test
    void theClockOffsetShiftsTheCamerasTimeOnly() {
        CameraRead read = new Recognizer(FRONT, Faults.parse("clock=-12.5"), 4).read(SIGHTINGS.get(0));
        assertThat(read.cameraTime().toInstant()).isEqualTo(read.sighting().time().minusMillis(12_500).truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void dahuaEventIdsAreThePictureNames() {
        EmulatedCamera dahua = EmulatedCamera.of("d", "L1", CameraPosition.REAR, 18, CameraProtocol.DAHUA_ITSAPI).withDeviceId("DEV1");
        CameraRead read = new Recognizer(dahua, Faults.NONE, 5).read(CameraTiming.sighting(dahua, TRAFFIC.get(0)));
        assertThat(read.eventId()).matches("DEV1-\\d{17}-00001");
    }

    @Property(tries = 30)
    void theSameSeedGivesTheSameReadsAndFaultsDoNotDisturbEachOther(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        List<Sighting> some = SIGHTINGS.subList(0, 50);
        List<CameraRead> plain = new Recognizer(FRONT, Faults.NONE, seed).readAll(some);
        assertThat(new Recognizer(FRONT, Faults.NONE, seed).readAll(some)).isEqualTo(plain);
        List<CameraRead> misread = new Recognizer(FRONT, Faults.parse("misread=0.5,colorprefix=0.5"), seed).readAll(some);
        for (int i = 0; i < some.size(); i++) {
            assertThat(misread.get(i).confidence()).isEqualTo(plain.get(i).confidence());
            assertThat(misread.get(i).eventId()).isEqualTo(plain.get(i).eventId());
        }
    }

    @Test
    void vehicleColoursAreTheSameForEveryCamera() {
        EmulatedVehicle v = TRAFFIC.get(17);
        assertThat(Recognizer.vehicleColor(v)).isEqualTo(Recognizer.vehicleColor(v)).isIn((Object[]) Recognizer.VEHICLE_COLORS);
        assertThat(TRAFFIC.stream().map(Recognizer::vehicleColor).distinct().count()).isEqualTo(Recognizer.VEHICLE_COLORS.length);
    }
}
