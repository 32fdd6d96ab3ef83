package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.rules.internal.StatutoryTableTest.codes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.api.device.Verification;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;

/**
 * No overweight case from a device without a valid verification certificate on the passage's day.
 *
 * <p>The sites here accept a single plate read for a case (plateReadsForCase 1): the weight is judged, not the plate
 * (see {@link PlateCorroborationTest}); a combination's tractor plate has only its front read.
 */
class VerificationTest {

    private static final Verification EXPIRES_JUNE_30 = new Verification("ZJJL-WIM-2026-0101", LocalDate.of(2027, 6, 30));
    private final Rules rules = new Rules(new OverweightSettings(0, Map.of(), 5, 1, "OW"), null);

    @Test
    void anExpiredCertificateSendsAWouldBeCaseToReviewWithTheExcess() {
        Verdict v = rules.judge(Traffic.row(6, VehicleKind.COMBINATION, 52_300).at(Instant.parse("2027-07-01T00:00:00Z"))
                .verification(EXPIRES_JUNE_30).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(v.enforcementCode()).isEmpty();
        assertThat(codes(v)).containsExactlyInAnyOrder("OVERWEIGHT_STATUTORY", "VERIFICATION_EXPIRED");
        String text = v.findings().stream().filter(f -> f.code().equals("VERIFICATION_EXPIRED")).findFirst().orElseThrow()
                .explanation();
        assertThat(text).contains("ZJJL-WIM-2026-0101", "2027-06-30", "过车日期2027-07-01", "52,300 kg", "不作为案件");
    }

    @Test
    void aMissingCertificateSendsAWouldBeCaseToReview() {
        Verdict v = rules.judge(Traffic.row(2, VehicleKind.TRUCK, 25_000).verification(null).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(codes(v)).contains("VERIFICATION_MISSING", "OVERWEIGHT_STATUTORY");
    }

    @Test
    void theCertificateIsValidOnItsExpiryDayInTheSitesZone() {
        // 2027-06-30 23:59 in Hangzhou is 15:59 UTC; 16:00 UTC is already July 1st there
        Traffic lastMinute = Traffic.row(6, VehicleKind.COMBINATION, 52_300).verification(EXPIRES_JUNE_30)
                .at(Instant.parse("2027-06-30T15:59:59Z"));
        assertThat(rules.judge(lastMinute.passage()).outcome()).isEqualTo(Outcome.VIOLATION);
        Traffic nextDay = Traffic.row(6, VehicleKind.COMBINATION, 52_300).verification(EXPIRES_JUNE_30)
                .at(Instant.parse("2027-06-30T16:00:00Z"));
        assertThat(rules.judge(nextDay.passage()).outcome()).isEqualTo(Outcome.REVIEW);
        // in UTC the same instant is still June 30th
        Rules utc = new Rules(new OverweightSettings(0, Map.of(), 5, 1, "OW"), null, ZoneId.of("UTC"));
        assertThat(utc.judge(nextDay.passage()).outcome()).isEqualTo(Outcome.VIOLATION);
    }

    @Test
    void aCompliantPassageStaysCompliantWithTheProblemRecorded() {
        Verdict v = rules.judge(Traffic.row(2, VehicleKind.TRUCK, 12_000).verification(null).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(v)).contains("VERIFICATION_MISSING");
    }

    @Test
    void withinToleranceOfAnExpiredDeviceIsNoReview() {
        Verdict v = rules.judge(Traffic.row(2, VehicleKind.TRUCK, 18_900).verification(null).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(codes(v)).containsExactly("WITHIN_TOLERANCE", "VERIFICATION_MISSING");
    }

    @Test
    void aCleanlinessCaseIsNotHeldBackByTheScalesCertificate() {
        Rules gate = new Rules(new OverweightSettings(0, Map.of(), 5, 1, "OW"),
                new CleanlinessSettings(0.8, 0.8, 0.8, java.util.Set.of(), "CL"));
        Verdict v = gate.judge(Traffic.row(2, VehicleKind.TRUCK, 25_000).verification(null)
                .observed(org.nsegw.api.vision.ObservationKind.MUDDY_VEHICLE, 0.9).passage());
        assertThat(v.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(v.enforcementCode()).isEqualTo("CL");
        assertThat(codes(v)).contains("MUDDY_VEHICLE", "OVERWEIGHT_STATUTORY", "VERIFICATION_MISSING");
    }
}
