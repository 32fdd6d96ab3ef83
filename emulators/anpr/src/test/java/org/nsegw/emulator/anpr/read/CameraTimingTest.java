package org.nsegw.emulator.anpr.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.emulator.anpr.CameraProtocol;
import org.nsegw.emulator.anpr.EmulatedCamera;
import org.nsegw.emulator.anpr.Fixtures;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.TrafficScenario;

class CameraTimingTest {

    @Test
    void theFrontCameraReadsTheFrontPlateBeforeTheWeighTime() {
        EmulatedVehicle v = Fixtures.combination(); // 54 km/h = 15 m/s
        Sighting s = CameraTiming.sighting(camera(CameraPosition.FRONT, -25), v);
        assertThat(s.plate()).isEqualTo("浙A3K725");
        assertThat(Duration.between(s.time(), v.time())).isEqualTo(Duration.ofNanos(1_666_666_667));
    }

    @Test
    void theRearCameraReadsTheTrailerPlateAfterTheLastAxle() {
        EmulatedVehicle v = Fixtures.combination();
        Sighting s = CameraTiming.sighting(camera(CameraPosition.REAR, 18), v);
        assertThat(s.plate()).isEqualTo("浙A1234挂");
        assertThat(Duration.between(v.lastAxleTime(), s.time())).isEqualTo(Duration.ofMillis(1200));
        assertThat(s.time()).isAfter(v.lastAxleTime()).isAfter(v.time());
    }

    @Test
    void theGateCameraReadsTheFrontPlateAtTheVehiclesTime() {
        EmulatedVehicle v = Fixtures.combination();
        Sighting s = CameraTiming.sighting(camera(CameraPosition.GATE, 7), v);
        assertThat(s.plate()).isEqualTo(v.frontPlate());
        assertThat(s.time()).isEqualTo(v.time());
    }

    @Test
    void aCameraSeesOnlyItsLaneInOrderOfTime() {
        List<EmulatedVehicle> traffic = TrafficScenario.bridge(5, 900, 0.2).vehicles(200);
        EmulatedCamera rear = EmulatedCamera.of("anpr-L2-rear", "L2", CameraPosition.REAR, 40, CameraProtocol.DAHUA_ITSAPI);
        List<Sighting> sightings = CameraTiming.sightings(rear, traffic);
        assertThat(sightings).hasSize((int) traffic.stream().filter(v -> v.lane().equals("L2")).count()).isNotEmpty();
        assertThat(sightings).allSatisfy(s -> assertThat(s.vehicle().lane()).isEqualTo("L2"));
        for (int i = 1; i < sightings.size(); i++) {
            assertThat(sightings.get(i).time()).isAfterOrEqualTo(sightings.get(i - 1).time());
        }
    }

    @Test
    void camerasStandOnTheirSideOfTheSensor() {
        assertThatThrownBy(() -> camera(CameraPosition.FRONT, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> camera(CameraPosition.REAR, -10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void frontBeforeAndRearAfterByDistanceOverSpeed(@ForAll @DoubleRange(min = 1, max = 200) double front,
            @ForAll @DoubleRange(min = 0, max = 200) double rear, @ForAll @LongRange(min = 1, max = 10_000) long seed) {
        EmulatedVehicle v = TrafficScenario.bridge(seed, 600, 0.3).vehicles(1).get(0);
        double speed = v.speedKmh() / 3.6;
        Instant f = CameraTiming.sighting(EmulatedCamera.of("f", v.lane(), CameraPosition.FRONT, -front, CameraProtocol.HIKVISION_ISAPI_XML), v).time();
        Instant r = CameraTiming.sighting(EmulatedCamera.of("r", v.lane(), CameraPosition.REAR, rear, CameraProtocol.HIKVISION_ISAPI_XML), v).time();
        assertThat(f).isBefore(v.time());
        assertThat(Duration.between(f, v.time()).toNanos() / 1e9).isCloseTo(front / speed, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r).isAfterOrEqualTo(v.lastAxleTime());
        assertThat(Duration.between(v.lastAxleTime(), r).toNanos() / 1e9).isCloseTo(rear / speed, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static EmulatedCamera camera(CameraPosition position, double distance) {
        return EmulatedCamera.of("c", "L1", position, distance, CameraProtocol.HIKVISION_ISAPI_XML);
    }
}
