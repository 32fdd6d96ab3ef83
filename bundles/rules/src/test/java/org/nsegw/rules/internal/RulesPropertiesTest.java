package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.device.Verification;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.api.weigh.Suspension;
import org.nsegw.api.weigh.TyreFitting;
import org.nsegw.api.weigh.WeighFlag;

/** What holds for every passage the rules may see. */
class RulesPropertiesTest {

    /** A site's rules (and its overweight settings, null when none) and a vehicle whose gross weight the property chooses. */
    record Case(Rules rules, OverweightSettings overweight, Vehicle vehicle) {
        Passage at(int grossKg) {
            return vehicle.traffic(grossKg).passage();
        }
    }

    record Vehicle(int[] spacings, TyreFitting[] tyres, Suspension[] suspension, String accuracyClass,
            Verification verification, Set<WeighFlag> weighFlags, Set<PassageFlag> flags, String plate, String trailer,
            boolean rearRead, PlateColor color, boolean weighed, Map<ObservationKind, Double> observed) {

        Traffic traffic(int grossKg) {
            Traffic t = weighed ? Traffic.vehicle(spacings, grossKg) : Traffic.unweighed();
            t.tyres(tyres).suspension(suspension).accuracyClass(accuracyClass).verification(verification).plate(plate)
                    .trailer(trailer).color(color);
            if (!rearRead) {
                t.noRearRead();
            }
            weighFlags.forEach(t::flag);
            flags.forEach(t::flag);
            observed.forEach(t::observed);
            return t;
        }
    }

    @Property
    void judgeNeverThrowsAndTheSamePassageGivesAnEqualVerdict(@ForAll("cases") Case c,
            @ForAll @IntRange(max = 120_000) int gross) {
        Passage p = c.at(gross);
        Verdict first = c.rules().judge(p);
        assertThat(c.rules().judge(c.at(gross))).isEqualTo(first);
        assertThat(first.passage()).isEqualTo(p);
    }

    @Property
    void anyInstantIsJudged(@ForAll("cases") Case c, @ForAll("instants") Instant time) {
        Verdict v = c.rules().judge(c.vehicle().traffic(60_000).at(time).passage());
        assertThat(v.passage().time()).isEqualTo(time);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(Arbitraries.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Traffic.TIME),
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                        .map(Instant::ofEpochSecond));
    }

    @Property
    void addingWeightNeverTurnsAViolationOrAReviewIntoCompliance(@ForAll("cases") Case c,
            @ForAll @IntRange(max = 100_000) int gross, @ForAll @IntRange(max = 30_000) int more) {
        Outcome lighter = c.rules().judge(c.at(gross)).outcome();
        Outcome heavier = c.rules().judge(c.at(gross + more)).outcome();
        if (lighter != Outcome.COMPLIANT) {
            assertThat(heavier).isNotEqualTo(Outcome.COMPLIANT);
        }
        if (c.at(gross).hasPlate()) {
            // compliant < review < violation, when the plate is settled
            assertThat(rank(heavier)).isGreaterThanOrEqualTo(rank(lighter));
        }
    }

    @Property
    void aPassageWithAnyPassageFlagIsNeverAViolation(@ForAll("cases") Case c, @ForAll @IntRange(max = 120_000) int gross,
            @ForAll PassageFlag flag) {
        Assume.that(flag != PassageFlag.TEST); // not fusion's: see the next property
        assertThat(c.rules().judge(c.vehicle().traffic(gross).flag(flag).passage()).outcome())
                .isNotEqualTo(Outcome.VIOLATION);
    }

    @Property
    void theTestFlagNeverChangesTheOutcome(@ForAll("cases") Case c, @ForAll @IntRange(max = 120_000) int gross) {
        Verdict plain = c.rules().judge(c.vehicle().traffic(gross).passage());
        Verdict test = c.rules().judge(c.vehicle().traffic(gross).flag(PassageFlag.TEST).passage());
        assertThat(test.outcome()).isEqualTo(plain.outcome());
        assertThat(test.enforcementCode()).isEqualTo(plain.enforcementCode());
        assertThat(test.findings()).extracting(Finding::code).contains("TEST_PASSAGE");
    }

    @Property
    void aViolationRestsOnABreachWithItsBasisAndCarriesTheConfiguredCode(@ForAll("cases") Case c,
            @ForAll @IntRange(max = 120_000) int gross) {
        Verdict v = c.rules().judge(c.at(gross));
        if (v.outcome() == Outcome.VIOLATION) {
            assertThat(v.passage().flags()).as("only a test passage keeps a flag in a case").isSubsetOf(PassageFlag.TEST);
            assertThat(v.findings().get(0).code()).matches("OVERWEIGHT_.*|MUDDY_VEHICLE|UNCOVERED_LOAD|DIRTY_ROAD"
                    + "|UNREGISTERED_HAULER");
            assertThat(v.enforcementCode()).isIn("OW", "CL");
        } else {
            assertThat(v.enforcementCode()).isEmpty();
        }
    }

    @Property
    void anOverweightCaseRestsOnAsManyCamerasAsTheSiteWants(@ForAll("cases") Case c,
            @ForAll @IntRange(max = 120_000) int gross) {
        Verdict v = c.rules().judge(c.at(gross));
        if (v.outcome() == Outcome.VIOLATION && v.enforcementCode().equals("OW")) {
            long cameras = v.passage().plates().stream().filter(r -> r.plate().equals(v.passage().plate()))
                    .map(r -> r.cameraId()).distinct().count();
            assertThat(v.passage().hasPlate()).isTrue();
            assertThat(cameras).isGreaterThanOrEqualTo(c.overweight().plateReadsForCase());
        }
    }

    private static int rank(Outcome o) {
        return switch (o) {
            case COMPLIANT -> 0;
            case REVIEW -> 1;
            case VIOLATION -> 2;
        };
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<OverweightSettings> overweight = Combinators.combine(
                Arbitraries.of(0, 0, 20_000, 30_000, 40_000, 55_000),
                Arbitraries.of(Map.<String, Integer>of(), Map.of("L1", 25_000), Map.of("L1", 60_000)),
                Arbitraries.of(-1.0, 0.0, 2.5, 5.0, 10.0, 20.0),
                Arbitraries.of(1, 2, 2, 3))
                .as((posted, lanes, tolerance, reads) -> new OverweightSettings(posted, lanes, tolerance, reads, "OW"))
                .injectNull(0.2);
        Arbitrary<CleanlinessSettings> cleanliness = Combinators.combine(
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), Arbitraries.of(Set.<String>of(), Set.of(Traffic.PLATE), Set.of("浙B1")))
                .as((m, u, d, haulers) -> new CleanlinessSettings(m, u, d, haulers, "CL"))
                .injectNull(0.5);
        return Combinators.combine(overweight, cleanliness, vehicles())
                .as((o, c, vehicle) -> new Case(new Rules(o, c), o, vehicle));
    }

    private Arbitrary<Vehicle> vehicles() {
        Arbitrary<int[]> spacings = Arbitraries.integers().between(0, 8).flatMap(n -> Arbitraries
                .oneOf(Arbitraries.of(0, 1_310, 1_350, 1_799, 1_800, 1_900, 3_600, 4_500, 5_499, 5_500, 7_200),
                        Arbitraries.integers().between(0, 12_000))
                .array(int[].class).ofSize(n).map(a -> {
                    if (a.length > 0) {
                        a[0] = 0;
                    }
                    return a;
                }));
        Arbitrary<Verification> verification = Arbitraries.of(
                new Verification("C-1", LocalDate.of(2027, 6, 30)), new Verification("C-2", LocalDate.of(2026, 11, 22)),
                new Verification("C-3", LocalDate.of(2026, 11, 23))).injectNull(0.15);
        Arbitrary<Map<ObservationKind, Double>> observed = Arbitraries.maps(Arbitraries.of(ObservationKind.class),
                Arbitraries.doubles().between(0, 1)).ofMaxSize(3);
        Arbitrary<Vehicle> partOne = spacings.flatMap(s -> Combinators.combine(
                Arbitraries.of(TyreFitting.class).array(TyreFitting[].class).ofSize(s.length),
                Arbitraries.of(Suspension.class).array(Suspension[].class).ofSize(s.length),
                Arbitraries.of("5", "A(5)", "B+(7)", "C(15)", "0.5", "junk", ""),
                verification,
                Arbitraries.subsetOf(WeighFlag.values()),
                Arbitraries.subsetOf(PassageFlag.values()),
                Arbitraries.of(Traffic.PLATE, Traffic.PLATE, Traffic.PLATE, "浙B1", ""),
                Arbitraries.of("", "", Traffic.TRAILER))
                .as((t, su, ac, ve, wf, pf, plate, trailer) -> new Vehicle(s, t, su, ac, ve,
                        Set.copyOf(wf), Set.copyOf(pf), plate, trailer, true, PlateColor.YELLOW, true, Map.of())));
        return Combinators.combine(partOne, Arbitraries.of(true, false), Arbitraries.of(PlateColor.class),
                Arbitraries.of(true, true, true, false), observed, Arbitraries.integers().between(0, 3))
                .as((v, rear, color, weighed, obs, quiet) -> new Vehicle(v.spacings(), v.tyres(), v.suspension(),
                        v.accuracyClass(), v.verification(),
                        quiet == 0 ? v.weighFlags() : Set.of(), quiet == 0 ? v.flags() : Set.of(),
                        v.plate(), v.trailer(), rear, color, weighed, obs));
    }
}
