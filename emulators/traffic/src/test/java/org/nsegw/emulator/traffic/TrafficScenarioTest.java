package org.nsegw.emulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class TrafficScenarioTest {

    /** GA 36-2018: province, a letter, then five letters or digits without I and O; trailers end in 挂. */
    static final Pattern TRUCK = Pattern.compile("浙[A-HJ-NP-Z][A-HJ-NP-Z0-9]{5}");
    static final Pattern TRAILER = Pattern.compile("浙[A-HJ-NP-Z][0-9]{4}挂");

    @Test
    void theSameSeedGivesTheSameTraffic() {
        assertThat(TrafficScenario.bridge(7, 600, 0.2).vehicles(200)).isEqualTo(TrafficScenario.bridge(7, 600, 0.2).vehicles(200));
        assertThat(TrafficScenario.bridge(7, 600, 0.2).vehicles(50)).isNotEqualTo(TrafficScenario.bridge(8, 600, 0.2).vehicles(50));
    }

    @Test
    void vehiclesAreInTimeOrderAndNeverOverlapInALane() {
        List<EmulatedVehicle> vs = TrafficScenario.bridge(1, 3000, 0.3).vehicles(2000);
        for (int i = 1; i < vs.size(); i++) {
            assertThat(vs.get(i).time()).isAfterOrEqualTo(vs.get(i - 1).time());
        }
        for (String lane : List.of("L1", "L2", "L3", "L4")) {
            List<EmulatedVehicle> inLane = vs.stream().filter(v -> v.lane().equals(lane)).toList();
            assertThat(inLane).hasSizeGreaterThan(300);
            for (int i = 1; i < inLane.size(); i++) {
                assertThat(inLane.get(i).time()).isAfterOrEqualTo(inLane.get(i - 1).lastAxleTime().plus(TrafficScenario.MIN_GAP));
            }
        }
    }

    @Test
    void everyClassAppearsWithItsAxlesPlatesAndSpeeds() {
        List<EmulatedVehicle> vs = TrafficScenario.bridge(3, 600, 0.25).vehicles(3000);
        assertThat(vs).extracting(EmulatedVehicle::kind).containsAll(List.of(VehicleClass.values()));
        for (EmulatedVehicle v : vs) {
            assertThat(v.axles()).hasSize(v.kind().axles());
            assertThat(v.axles().get(0).spacingToPreviousMm()).isZero();
            assertThat(v.axles()).allSatisfy(a -> assertThat(a.loadKg()).isPositive());
            assertThat(v.speedKmh()).isBetween(30.0, 80.0);
            assertThat(v.frontPlate()).matches(TRUCK);
            assertThat(v.rearPlate()).matches(v.kind().isCombination() ? TRAILER : TRUCK);
        }
        double overweight = vs.stream().filter(EmulatedVehicle::isOverweight).count() / (double) vs.size();
        assertThat(overweight).isBetween(0.22, 0.28);
    }

    @Property(tries = 50)
    void theOverweightShareIsHonoured(@ForAll @DoubleRange(min = 0, max = 1) double share) {
        List<EmulatedVehicle> vs = TrafficScenario.bridge(11, 600, share).vehicles(400);
        double measured = vs.stream().filter(EmulatedVehicle::isOverweight).count() / 400.0;
        assertThat(measured).isCloseTo(share, org.assertj.core.data.Offset.offset(0.1));
    }
}
