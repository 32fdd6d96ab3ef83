package org.nsegw.fusion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.fusion.internal.Inputs.T0;
import static org.nsegw.fusion.internal.Inputs.at;
import static org.nsegw.fusion.internal.Inputs.front;
import static org.nsegw.fusion.internal.Inputs.frontTime;
import static org.nsegw.fusion.internal.Inputs.gateLane;
import static org.nsegw.fusion.internal.Inputs.late;
import static org.nsegw.fusion.internal.Inputs.observation;
import static org.nsegw.fusion.internal.Inputs.read;
import static org.nsegw.fusion.internal.Inputs.rear;
import static org.nsegw.fusion.internal.Inputs.rearTime;
import static org.nsegw.fusion.internal.Inputs.weigh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadFlag;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.api.weigh.WeighRecord;

/**
 * Each traffic situation with hand-built inputs at exact times. Bridge lanes L1 and L2 (neighbours) have a front camera
 * 25 m before the sensor and a rear camera 18 m after it; a truck at 60 km/h with 4.5 m between its axles whose last
 * axle crosses at 100 s shows its front plate at 98.23 s and its rear plate at 101.08 s.
 */
class SiteFusionTest {

    static final int[] TWO_AXLES = {4_500};
    static final double FRONT_100 = frontTime(100, 60, -25, TWO_AXLES);
    static final double REAR_100 = rearTime(100, 60, 18);

    private final SiteFusion fusion = new SiteFusion(List.of(Inputs.bridgeLane("L1", "L2"), Inputs.bridgeLane("L2", "L1"),
            gateLane("EXIT")));

    /** Feeds the inputs in order, then flushes: every passage they make. */
    private List<Passage> run(Object... inputs) {
        List<Passage> out = new ArrayList<>();
        for (Object input : inputs) {
            if (input instanceof WeighRecord w) {
                out.addAll(fusion.weighed(w));
            } else if (input instanceof PlateRead r) {
                out.addAll(fusion.read(r));
            } else {
                out.addAll(fusion.observed((Observation) input));
            }
        }
        out.addAll(fusion.flush());
        return out;
    }

    private Passage only(Object... inputs) {
        List<Passage> out = run(inputs);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    static WeighRecord truck(double lastAxleS) {
        return weigh("L1", lastAxleS, 60, 30_000, TWO_AXLES);
    }

    @Nested
    class Bridge {

        @Test
        void aTruckReadFrontAndRearIsDecidedWhenItsWindowsHaveClosed() {
            WeighRecord w = truck(100);
            fusion.read(front("L1", FRONT_100, "浙A12345"));
            fusion.weighed(w);
            fusion.read(rear("L1", REAR_100, "浙A12345"));
            assertThat(fusion.advance(at(110))).as("a slower truck weighed later could still claim the front read").isEmpty();
            List<Passage> out = fusion.advance(at(130));
            assertThat(out).singleElement().satisfies(p -> {
                assertThat(p.plate()).isEqualTo("浙A12345");
                assertThat(p.trailerPlate()).isEmpty();
                assertThat(p.flags()).isEmpty();
                assertThat(p.weigh()).isEqualTo(w);
                assertThat(p.time()).isEqualTo(w.time());
                assertThat(p.lane()).isEqualTo("L1");
                assertThat(p.plates()).extracting(PlateRead::position).containsExactly(CameraPosition.FRONT, CameraPosition.REAR);
                assertThat(p.id()).isEqualTo("L1-20261123T080140.000Z-wim-L1");
                assertThat(p.alsoWeighed()).isEmpty();
            });
            assertThat(fusion.flush()).isEmpty();
        }

        @Test
        void aPassageIsCompleteWhenFusionMayDecideItAndNextDeadlineSaysWhenThatIs() {
            fusion.read(front("L1", FRONT_100, "浙A12345"));
            fusion.weighed(truck(100));
            fusion.read(rear("L1", REAR_100, "浙A12345"));
            Instant now = at(101);
            List<Passage> out = List.of();
            for (int i = 0; i < 50 && out.isEmpty(); i++) {
                Instant next = fusion.nextDeadline(now).orElseThrow();
                assertThat(next).isAfter(now);
                assertThat(fusion.advance(next.minusNanos(1))).isEmpty();
                out = fusion.advance(next);
                now = next;
            }
            Instant decided = now;
            assertThat(out).singleElement().satisfies(p -> {
                assertThat(p.plate()).isEqualTo("浙A12345");
                assertThat(p.completed()).as("its windows closed after both reads arrived").isEqualTo(decided);
            });
            assertThat(fusion.nextDeadline(decided)).isEmpty();
        }

        @Test
        void aPassageWhoseLastReadArrivedAfterItsWindowsClosedIsCompleteAtThatArrival() {
            PlateRead r = rear("L1", REAR_100, "浙A12345");
            // seen in its window by the camera's clock, delivered a minute later (the camera was offline), before fusion ticked
            PlateRead rearRead = new PlateRead(r.cameraId(), r.lane(), r.position(), r.time(), r.plate(), r.rawText(), r.kind(),
                    r.color(), r.confidence(), r.eventId(), r.images(), r.cameraTime(), r.time().plusSeconds(60), r.flags(), r.notes());
            Passage p = only(truck(100), front("L1", FRONT_100, "浙A12345"), rearRead);
            assertThat(p.plates()).hasSize(2);
            assertThat(p.completed()).isEqualTo(rearRead.received());
        }

        @Test
        void oneReadIsEnough() {
            assertThat(only(truck(100), rear("L1", REAR_100, "浙A12345")).plate()).isEqualTo("浙A12345");
            assertThat(only(truck(200), front("L1", frontTime(200, 60, -25, TWO_AXLES), "浙A12345")).plate()).isEqualTo("浙A12345");
        }

        @Test
        void noReadMeansNoPlate() {
            Passage p = only(truck(100));
            assertThat(p.plate()).isEmpty();
            assertThat(p.flags()).containsExactly(PassageFlag.NO_PLATE);
        }

        @Test
        void anUnreadableReadIsKeptButSettlesNothing() {
            Passage p = only(truck(100), front("L1", FRONT_100, ""));
            assertThat(p.plates()).hasSize(1);
            assertThat(p.plate()).isEmpty();
            assertThat(p.flags()).containsExactly(PassageFlag.NO_PLATE);
        }

        @Test
        void aTractorAndItsTrailerBothBelong() {
            Passage p = only(truck(100), front("L1", FRONT_100, "浙A12345"), rear("L1", REAR_100, "浙B1234挂"));
            assertThat(p.plate()).isEqualTo("浙A12345");
            assertThat(p.trailerPlate()).isEqualTo("浙B1234挂");
            assertThat(p.flags()).isEmpty();
        }

        @Test
        void aTrailerPlateAloneIsNoVehiclePlate() {
            Passage p = only(truck(100), rear("L1", REAR_100, "浙B1234挂"));
            assertThat(p.plate()).isEmpty();
            assertThat(p.trailerPlate()).isEqualTo("浙B1234挂");
            assertThat(p.flags()).containsExactly(PassageFlag.NO_PLATE);
        }

        @Test
        void disagreeingReadsSettleNothing() {
            Passage p = only(truck(100), front("L1", FRONT_100, "浙A12345"), rear("L1", REAR_100, "浙A12B45"));
            assertThat(p.plate()).isEmpty();
            assertThat(p.trailerPlate()).isEmpty();
            assertThat(p.flags()).containsExactly(PassageFlag.PLATES_DISAGREE);
            assertThat(p.plates()).hasSize(2);
        }

        @Test
        void twoTrailerPlatesDisagreeToo() {
            Passage p = only(truck(100), front("L1", FRONT_100, "浙A12345"), rear("L1", REAR_100, "浙B1234挂"),
                    rear("L1", REAR_100 + 0.1, "浙B1284挂"));
            assertThat(p.plate()).isEmpty();
            assertThat(p.flags()).containsExactly(PassageFlag.PLATES_DISAGREE);
        }

        @Test
        void aReadOutsideTheWindowIsNotTheTrucks() {
            List<Passage> out = run(truck(100), front("L1", FRONT_100 - 1.5, "浙A12345"));
            assertThat(out).extracting(Passage::flags).containsExactly(Set.of(PassageFlag.NO_WEIGHT), Set.of(PassageFlag.NO_PLATE));
            assertThat(out.get(1).plates()).isEmpty();
        }

        @Test
        void theWindowFollowsSpeedAndWheelbase() {
            // 30 km/h, 14 m of axles: the front plate passes the camera 25 m before the sensor 4.68 s before the last axle crosses
            WeighRecord slow = weigh("L1", 100, 30, 40_000, 3_600, 7_000, 1_310, 1_310, 790);
            double seen = frontTime(100, 30, -25, 3_600, 7_000, 1_310, 1_310, 790);
            assertThat(seen).isCloseTo(100 - 4.68, org.assertj.core.data.Offset.offset(0.01));
            assertThat(only(slow, front("L1", seen + 0.4, "浙A12345")).plate()).isEqualTo("浙A12345");
        }

        @Test
        void aRepeatedEventIsKeptOnce() {
            PlateRead r = front("L1", FRONT_100, "浙A12345");
            Passage p = only(truck(100), r, r, rear("L1", REAR_100, "浙A12345"));
            assertThat(p.plates()).hasSize(2);
            assertThat(p.flags()).isEmpty();
        }

        @Test
        void theSamePlateFromTheSameCameraWithinSecondsIsKeptOnce() {
            PlateRead first = front("L1", FRONT_100, "浙A12345");
            PlateRead again = read("anpr-L1-front", "L1", CameraPosition.FRONT, FRONT_100 + 0.2, "浙A12345", "another-event");
            Passage p = only(truck(100), first, again);
            assertThat(p.plates()).containsExactly(first);
            assertThat(p.flags()).isEmpty();
        }

        @Test
        void twoUnreadableReadsAreNotDuplicates() {
            Passage p = only(truck(100), front("L1", FRONT_100, ""), front("L1", FRONT_100 + 0.1, ""));
            assertThat(p.plates()).hasSize(2);
        }

        @Test
        void tailgatingTrucksShareNoRead() {
            // the second truck's first axle crosses 0.5 s after the first truck's last axle, at the same speed
            WeighRecord a = truck(100);
            WeighRecord b = truck(100.5 + 0.27);
            double bFront = frontTime(100.77, 60, -25, TWO_AXLES);
            PlateRead between = front("L1", 98.6, "浙A11111"); // in both trucks' windows: whose?
            PlateRead bOwn = front("L1", bFront, "浙A22222");
            List<Passage> out = run(a, b, between, bOwn);
            assertThat(out).hasSize(2);
            Passage first = out.get(0);
            Passage second = out.get(1);
            assertThat(first.weigh()).isEqualTo(a);
            assertThat(first.plate()).isEmpty();
            assertThat(first.flags()).containsExactlyInAnyOrder(PassageFlag.AMBIGUOUS_READ, PassageFlag.TAILGATING);
            assertThat(first.plates()).containsExactly(between);
            assertThat(second.plate()).as("its own read settles it").isEqualTo("浙A22222");
            assertThat(second.flags()).containsExactlyInAnyOrder(PassageFlag.AMBIGUOUS_READ, PassageFlag.TAILGATING);
        }

        @Test
        void trucksFarApartAreNotTailgating() {
            List<Passage> out = run(truck(100), truck(103), front("L1", FRONT_100, "浙A11111"),
                    front("L1", frontTime(103, 60, -25, TWO_AXLES), "浙A22222"));
            assertThat(out).extracting(Passage::plate).containsExactly("浙A11111", "浙A22222");
            assertThat(out).allSatisfy(p -> assertThat(p.flags()).isEmpty());
        }

        @Test
        void aStraddlingTruckIsOnePassage() {
            WeighRecord left = weigh("wim-L1", "L1", 100, 60, 14_000, Set.of(WeighFlag.LANE_CHANGE), TWO_AXLES);
            WeighRecord right = weigh("wim-L2", "L2", 100.1, 60.5, 16_000, Set.of(), TWO_AXLES);
            Passage p = only(left, right, front("L1", FRONT_100, "浙A12345"), rear("L2", REAR_100 + 0.1, "浙A12345"));
            assertThat(p.lane()).as("the lane of the heavier half").isEqualTo("L2");
            assertThat(p.weigh()).isEqualTo(right);
            assertThat(p.alsoWeighed()).containsExactly(left);
            assertThat(p.flags()).containsExactly(PassageFlag.STRADDLING);
            assertThat(p.plate()).isEqualTo("浙A12345");
            assertThat(p.plates()).hasSize(2);
        }

        @Test
        void sideBySideTrucksTheSensorsDidNotFlagAreTwo() {
            WeighRecord left = weigh("L1", 100, 60, 14_000, TWO_AXLES);
            WeighRecord right = weigh("L2", 100.1, 60.5, 16_000, TWO_AXLES);
            List<Passage> out = run(left, right, front("L1", FRONT_100, "浙A11111"), front("L2", FRONT_100 + 0.1, "浙A22222"));
            assertThat(out).extracting(Passage::plate).containsExactly("浙A11111", "浙A22222");
            assertThat(out).allSatisfy(p -> assertThat(p.flags()).isEmpty());
        }

        @Test
        void aPlateReadInTwoLanesAtOnceSettlesNeither() {
            // L1's front camera missed its own truck and caught the one next to it in L2, which L2's camera read too
            WeighRecord l1 = weigh("L1", 100, 60, 30_000, TWO_AXLES);
            WeighRecord l2 = weigh("L2", 100.05, 60, 30_000, TWO_AXLES);
            List<Passage> out = run(l1, l2, front("L1", FRONT_100 + 0.05, "浙A22222"), front("L2", FRONT_100 + 0.05, "浙A22222"));
            assertThat(out).hasSize(2).allSatisfy(p -> {
                assertThat(p.plate()).isEmpty();
                assertThat(p.flags()).containsExactly(PassageFlag.AMBIGUOUS_READ);
            });
        }

        @Test
        void aCameraCatchingTheTruckNextDoorMakesNoUnweighedPassage() {
            List<Passage> out = run(weigh("L2", 100, 60, 30_000, TWO_AXLES), front("L1", FRONT_100, "浙A22222"),
                    front("L2", FRONT_100, "浙A22222"));
            assertThat(out).singleElement().satisfies(p -> {
                assertThat(p.lane()).isEqualTo("L2");
                assertThat(p.plate()).as("no truck in L1 could take the read").isEqualTo("浙A22222");
                assertThat(p.flags()).isEmpty();
            });
        }

        @Test
        void aReadAgainstTheDirectionSettlesNothing() {
            Passage p = only(truck(100), front("L1", FRONT_100, "浙A12345", PlateReadFlag.WRONG_DIRECTION));
            assertThat(p.plate()).isEmpty();
            assertThat(p.flags()).containsExactly(PassageFlag.AMBIGUOUS_READ);
            assertThat(p.plates()).hasSize(1);
        }

        @Test
        void aLowConfidenceReadSettlesWhenNothingContradictsIt() {
            Passage p = only(truck(100), front("L1", FRONT_100, "浙A12345", PlateReadFlag.LOW_CONFIDENCE));
            assertThat(p.plate()).isEqualTo("浙A12345");
            assertThat(p.plates()).singleElement().satisfies(r -> assertThat(r.flags()).contains(PlateReadFlag.LOW_CONFIDENCE));
        }

        @Test
        void aReadOfUnknownTimeConfirmsButNeverSettles() {
            PlateRead rearLate = late(rear("L1", REAR_100, "浙A12345"), 4);
            Passage confirmed = only(truck(100), front("L1", FRONT_100, "浙A12345"), rearLate);
            assertThat(confirmed.plate()).isEqualTo("浙A12345");
            assertThat(confirmed.plates()).hasSize(2);
            assertThat(confirmed.flags()).isEmpty();

            Passage alone = only(truck(200), late(rear("L1", rearTime(200, 60, 18), "浙A12345"), 4));
            assertThat(alone.plate()).isEmpty();
            assertThat(alone.flags()).containsExactly(PassageFlag.AMBIGUOUS_READ);
            assertThat(alone.plates()).hasSize(1);
        }

        @Test
        void aReadOfUnknownTimeThatDisagreesIsLeftOut() {
            Passage p = only(truck(100), front("L1", FRONT_100, "浙A12345"), late(rear("L1", REAR_100, "浙A99999"), 4));
            assertThat(p.plate()).isEqualTo("浙A12345");
            assertThat(p.plates()).hasSize(1);
        }

        @Test
        void aLatePushOfACameraWithAGoodClockKeepsTheCamerasTime() {
            List<Object> inputs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                inputs.add(rear("L1", 10 + 5 * i, "浙B1000" + i)); // cars: on time, not weighed, not kept
            }
            inputs.add(truck(100));
            inputs.add(late(rear("L1", REAR_100, "浙A12345"), 6));
            Passage p = only(inputs.toArray());
            assertThat(p.plate()).isEqualTo("浙A12345");
            assertThat(p.flags()).isEmpty();
        }

        @Test
        void readsOfACarNobodyWeighedAreDropped() {
            assertThat(run(front("L1", 50, "浙B12345"), rear("L1", 53, "浙B12345"))).isEmpty();
        }

        @Test
        void aTruckTheSensorMissedIsOneUnweighedPassage() {
            PlateRead f = front("L1", 50, "浙A12345");
            PlateRead r = rear("L1", 53, "浙A12345");
            Passage p = only(f, r);
            assertThat(p.weigh()).isNull();
            assertThat(p.flags()).containsExactly(PassageFlag.NO_WEIGHT);
            assertThat(p.plate()).isEqualTo("浙A12345");
            assertThat(p.plates()).containsExactly(f, r);
            assertThat(p.time()).isEqualTo(f.time());
            assertThat(p.id()).isEqualTo("L1-20261123T080050.000Z-anpr-L1-front");
        }

        @Test
        void unweighedReadsCanBeDroppedOrAllKept() {
            SiteFusion none = new SiteFusion(List.of(lane("L1", LaneSettings.Unweighed.NONE)));
            none.read(front("L1", 50, "浙A12345"));
            assertThat(none.flush()).isEmpty();
            SiteFusion all = new SiteFusion(List.of(lane("L1", LaneSettings.Unweighed.ALL)));
            all.read(front("L1", 50, "浙B12345"));
            assertThat(all.flush()).singleElement().satisfies(p -> assertThat(p.plate()).isEqualTo("浙B12345"));
        }

        private LaneSettings lane(String id, LaneSettings.Unweighed unweighed) {
            LaneSettings l = Inputs.bridgeLane(id);
            return new LaneSettings(id, l.cameras(), l.weighSensors(), l.neighbours(), l.timing().withUnweighed(unweighed));
        }

        @Test
        void aReadLongExpiredDoesNotWaitForALaterTruck() {
            fusion.read(front("L1", 10, "浙A12345"));
            assertThat(fusion.advance(at(60))).singleElement().satisfies(p -> assertThat(p.flags()).containsExactly(PassageFlag.NO_WEIGHT));
            assertThat(run(weigh("L1", 11.8, 60, 30_000, TWO_AXLES))).singleElement()
                    .satisfies(p -> assertThat(p.flags()).containsExactly(PassageFlag.NO_PLATE));
        }

        @Test
        void aRecordOfALaneFusionDoesNotKnowIsPassedOnAtOnce() {
            WeighRecord w = weigh("L9", 100, 60, 30_000, TWO_AXLES);
            assertThat(fusion.weighed(w)).singleElement().satisfies(p -> {
                assertThat(p.weigh()).isEqualTo(w);
                assertThat(p.flags()).containsExactly(PassageFlag.NO_PLATE);
            });
        }

        @Test
        void aRecordTheSensorDeliveredTwiceIsOnePassage() {
            WeighRecord w = truck(100);
            assertThat(run(w, w)).hasSize(1);
        }

        @Test
        void theSameInputsGiveTheSamePassages() {
            Object[] inputs = {truck(100), truck(100.77), front("L1", 98.6, "浙A11111"), rear("L1", REAR_100, "浙A11111"),
                    front("L1", frontTime(100.77, 60, -25, TWO_AXLES), "浙A22222"), front("L2", 40, "浙A33333")};
            List<Passage> once = run(inputs);
            assertThat(new SiteFusionTest().run(inputs)).isEqualTo(once);
        }
    }

    @Nested
    class Gate {

        static PlateRead gate(double s, String plate, PlateReadFlag... flags) {
            return read("anpr-gate", "EXIT", CameraPosition.GATE, s, plate, flags);
        }

        static WeighRecord scale(double s) {
            return weigh("scale-exit", "EXIT", s, 0, 31_000, Set.of());
        }

        @Test
        void theGateReadTheWeighingAndTheObservationsAreOneExit() {
            Observation mud = observation("EXIT", 104, ObservationKind.MUDDY_VEHICLE);
            Observation cover = observation("EXIT", 105, ObservationKind.UNCOVERED_LOAD);
            WeighRecord w = scale(112);
            Passage p = only(gate(100, "浙A3K725"), mud, w, cover);
            assertThat(p.plate()).isEqualTo("浙A3K725");
            assertThat(p.weigh()).isEqualTo(w);
            assertThat(p.observations()).containsExactly(mud, cover);
            assertThat(p.flags()).isEmpty();
            assertThat(p.time()).isEqualTo(at(100));
            assertThat(p.id()).isEqualTo("EXIT-20261123T080140.000Z-anpr-gate");
        }

        @Test
        void anExitWithoutWeighingAtAGateWithAScale() {
            Passage p = only(gate(100, "浙A3K725"));
            assertThat(p.weigh()).isNull();
            assertThat(p.flags()).containsExactly(PassageFlag.NO_WEIGHT);
            assertThat(p.plate()).isEqualTo("浙A3K725");
        }

        @Test
        void aWeighingWithoutGateRead() {
            WeighRecord w = scale(100);
            Passage p = only(w);
            assertThat(p.weigh()).isEqualTo(w);
            assertThat(p.flags()).containsExactly(PassageFlag.NO_PLATE);
            assertThat(p.id()).isEqualTo("EXIT-20261123T080140.000Z-scale-exit");
        }

        @Test
        void anUnreadableGateReadIsAnExitWithoutPlate() {
            Passage p = only(gate(100, ""), scale(105));
            assertThat(p.plate()).isEmpty();
            assertThat(p.flags()).containsExactly(PassageFlag.NO_PLATE);
            assertThat(p.weigh()).isNotNull();
        }

        /** Exits in order of time, with their plates, weighings and flags. */
        private void assertExit(Passage p, double readS, String plate, WeighRecord weigh, Set<PassageFlag> flags) {
            assertThat(p.time()).as("time").isEqualTo(at(readS));
            assertThat(p.plate()).as("plate of the exit at %s", readS).isEqualTo(plate);
            assertThat(p.weigh()).as("weighing of the exit at %s", readS).isEqualTo(weigh);
            assertThat(p.flags()).as("flags of the exit at %s", readS).isEqualTo(flags.isEmpty() ? Set.of() : EnumSet.copyOf(flags));
        }

        @Test
        void singleFileExitsTenToTwentySecondsApartAreEachTheirOwn() {
            // trucks drive onto the scale 10, 12, 18 and 20 s apart; the scale is steady 2.5 to 8 s after each read
            double[] reads = {100, 110, 122, 140, 160};
            double[] weighings = {105, 112.5, 130, 145, 165};
            String[] plates = {"浙A3K725", "浙A5G219", "浙A8D031", "浙AF2206", "浙A1B234"};
            List<Object> inputs = new ArrayList<>();
            List<WeighRecord> w = new ArrayList<>();
            for (int i = 0; i < reads.length; i++) {
                inputs.add(gate(reads[i], plates[i]));
                w.add(scale(weighings[i]));
                inputs.add(w.get(i));
            }
            List<Passage> out = run(inputs.toArray());
            assertThat(out).hasSize(reads.length);
            for (int i = 0; i < reads.length; i++) {
                assertExit(out.get(i), reads[i], plates[i], w.get(i), Set.of());
            }
        }

        @Test
        void aMissedGateReadIsAWeighingWithoutPlateAndTheTrucksAroundItKeepTheirOwn() {
            // the truck between them, weighed at 115, was not read: its weighing still fits the first read's window
            WeighRecord w1 = scale(105);
            WeighRecord missed = scale(115);
            WeighRecord w3 = scale(125);
            List<Passage> out = run(gate(100, "浙A3K725"), w1, missed, gate(120, "浙A8D031"), w3);
            assertThat(out).hasSize(3);
            assertExit(out.get(0), 100, "浙A3K725", w1, Set.of());
            assertThat(out.get(1).weigh()).isEqualTo(missed);
            assertThat(out.get(1).plate()).isEmpty();
            assertThat(out.get(1).plates()).isEmpty();
            assertThat(out.get(1).flags()).containsExactly(PassageFlag.NO_PLATE);
            assertExit(out.get(2), 120, "浙A8D031", w3, Set.of());
        }

        @Test
        void aTruckThatDidNotStopOnTheScaleHasNoWeighingAndTheNextTruckKeepsItsOwn() {
            WeighRecord next = scale(120);
            List<Passage> out = run(gate(100, "浙A3K725"), gate(115, "浙A5G219"), next);
            assertThat(out).hasSize(2);
            assertExit(out.get(0), 100, "浙A3K725", null, Set.of(PassageFlag.NO_WEIGHT));
            assertExit(out.get(1), 115, "浙A5G219", next, Set.of());
        }

        @Test
        void twoTrucksReadCloseTogetherBeforeOneWeighingGetNeitherWeighing() {
            // the second truck was read 1.5 s after the first: the first cannot have been weighed and gone in between,
            // so the weighing at 106 may be either truck's (one did not stop, or one read was a truck in the queue)
            WeighRecord w = scale(106);
            double[] reads = {100, 101.5};
            String[] plates = {"浙A3K725", "浙A5G219"};
            List<Passage> out = run(gate(reads[0], plates[0]), gate(reads[1], plates[1]), w);
            assertThat(out).hasSize(3);
            for (int i = 0; i < reads.length; i++) {
                assertExit(out.get(i), reads[i], plates[i], null, Set.of(PassageFlag.AMBIGUOUS_READ, PassageFlag.NO_WEIGHT));
            }
            Passage weighing = out.get(2);
            assertThat(weighing.weigh()).isEqualTo(w);
            assertThat(weighing.plate()).isEmpty();
            assertThat(weighing.flags()).containsExactlyInAnyOrder(PassageFlag.NO_PLATE, PassageFlag.AMBIGUOUS_READ);
            assertThat(weighing.plates()).extracting(PlateRead::plate).containsExactly("浙A3K725", "浙A5G219");
        }

        @Test
        void twoTrucksReadCloseTogetherNeverGetTheOthersWeighing() {
            WeighRecord first = scale(105);
            WeighRecord second = scale(118);
            List<Passage> out = run(gate(100, "浙A3K725"), gate(101.5, "浙A5G219"), first, second);
            assertThat(out).filteredOn(p -> p.weigh() != null).allSatisfy(p -> assertThat(p.plate()).isEmpty());
            assertThat(out).filteredOn(Passage::hasPlate).allSatisfy(p -> {
                assertThat(p.weigh()).isNull();
                assertThat(p.flags()).contains(PassageFlag.AMBIGUOUS_READ);
            });
        }

        @Test
        void aWeighingTooSoonAfterAReadIsNotThatTrucks() {
            // weighed 1 s after the second read: too soon for the truck that just drove on, so the first truck's
            WeighRecord first = scale(102.5);
            WeighRecord second = scale(107);
            List<Passage> out = run(gate(100, "浙A3K725"), gate(101.5, "浙A5G219"), first, second);
            assertThat(out).hasSize(2);
            assertExit(out.get(0), 100, "浙A3K725", first, Set.of());
            assertExit(out.get(1), 101.5, "浙A5G219", second, Set.of());
        }

        @Test
        void observationsGoToTheExitOfTheTruckAtTheGate() {
            Observation approaching = observation("EXIT", 98.5, ObservationKind.MUDDY_VEHICLE);
            Observation onScale = observation("EXIT", 108, ObservationKind.UNCOVERED_LOAD);
            Observation next = observation("EXIT", 117, ObservationKind.MUDDY_VEHICLE);
            List<Passage> out = run(approaching, gate(100, "浙A3K725"), scale(105), onScale, gate(114, "浙A5G219"), next, scale(119));
            assertThat(out).hasSize(2);
            assertThat(out.get(0).observations()).containsExactly(approaching, onScale);
            assertThat(out.get(1).observations()).containsExactly(next);
            assertThat(out).allSatisfy(p -> assertThat(p.flags()).isEmpty());
        }

        @Test
        void anObservationEitherTruckMayBeIsAPassageOfItsOwn() {
            // 1.5 s before the second read: the first truck leaving, or the second one coming
            Observation between = observation("EXIT", 112.5, ObservationKind.MUDDY_VEHICLE);
            List<Passage> out = run(gate(100, "浙A3K725"), scale(105), between, gate(114, "浙A5G219"), scale(119));
            assertThat(out).hasSize(3);
            assertThat(out.get(0).flags()).containsExactly(PassageFlag.AMBIGUOUS_READ);
            assertThat(out.get(0).weigh()).isNotNull();
            assertThat(out.get(0).observations()).isEmpty();
            assertThat(out.get(1).flags()).containsExactlyInAnyOrder(PassageFlag.NO_PLATE, PassageFlag.NO_WEIGHT, PassageFlag.AMBIGUOUS_READ);
            assertThat(out.get(1).observations()).containsExactly(between);
            assertThat(out.get(1).plate()).isEmpty();
            assertThat(out.get(2).flags()).containsExactly(PassageFlag.AMBIGUOUS_READ);
            assertThat(out.get(2).observations()).isEmpty();
        }

        @Test
        void twoWeighingsForOneReadLeaveTheSecondWithoutPlate() {
            WeighRecord own = scale(105);
            WeighRecord other = scale(113);
            List<Passage> out = run(gate(100, "浙A3K725"), own, other);
            assertThat(out).hasSize(2);
            assertExit(out.get(0), 100, "浙A3K725", own, Set.of());
            assertThat(out.get(1).weigh()).isEqualTo(other);
            assertThat(out.get(1).flags()).containsExactly(PassageFlag.NO_PLATE);
        }

        @Test
        void observationsWithoutExitAreOnePassage() {
            Observation a = observation("EXIT", 100, ObservationKind.DIRTY_ROAD);
            Observation b = observation("EXIT", 101, ObservationKind.DIRTY_ROAD);
            Passage p = only(a, b);
            assertThat(p.observations()).containsExactly(a, b);
            assertThat(p.flags()).containsExactlyInAnyOrder(PassageFlag.NO_PLATE, PassageFlag.NO_WEIGHT);
            assertThat(p.time()).isEqualTo(T0.plusSeconds(100));
        }

        @Test
        void aVehicleEnteringIsNoExit() {
            WeighRecord w = scale(105);
            Passage p = only(gate(100, "浙A3K725", PlateReadFlag.WRONG_DIRECTION), w);
            assertThat(p.plates()).isEmpty();
            assertThat(p.flags()).containsExactly(PassageFlag.NO_PLATE);
        }

        @Test
        void anExitIsDecidedWhenItsWindowTheObservationLeadAndTheLatencyHavePassed() {
            // 15 s window + 2 s observation lead + 2 × 0.3 s clock tolerance + 3 s latency
            fusion.read(gate(100, "浙A3K725"));
            fusion.weighed(scale(105));
            assertThat(fusion.advance(at(120.5))).isEmpty();
            assertThat(fusion.advance(at(120.6))).singleElement().satisfies(p -> assertThat(p.weigh()).isNotNull());
        }
    }
}
