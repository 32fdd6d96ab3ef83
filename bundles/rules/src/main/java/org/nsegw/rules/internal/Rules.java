package org.nsegw.rules.internal;

import java.time.ZoneId;
import java.util.Objects;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.rules.internal.Findings.Level;

/**
 * The gateway's decision on a passage: overweight (Art. 3 and posted limits, tolerance, verification) and site-exit
 * cleanliness, combined into one verdict. Pure: no clock, no randomness, no I/O.
 *
 * <p>Outcome: a doubt about the evidence (a flag, an unsettled plate) that matters sends the passage to review; else a
 * breach beyond doubt makes a violation, and the findings on rules that may be breached go with its case; else such
 * a finding sends the passage to review; else it is compliant. Doubts about the evidence matter only when some rule
 * is or may be breached, except doubts about the weight itself, which always matter where weight is judged. An
 * overweight whose plate fewer cameras read than the site wants for a case ({@code PLATE_UNCORROBORATED}) is a rule
 * that may be breached: review, or information with another rule's case.
 */
public final class Rules {

    /** The site time zone when none is given: the day of a passage decides whether a certificate was valid. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final OverweightSettings overweight;
    private final CleanlinessSettings cleanliness;
    private final OverweightJudgement weight;
    private final CleanlinessJudgement exit;
    private final ZoneId zone;

    /** Either may be null when the site has no such rules (a bridge has no cleanliness rules; a site gate may have no limits). */
    public Rules(OverweightSettings overweight, CleanlinessSettings cleanliness) {
        this(overweight, cleanliness, DEFAULT_ZONE);
    }

    /** With the site's time zone, in which the day of a passage is taken. */
    public Rules(OverweightSettings overweight, CleanlinessSettings cleanliness, ZoneId zone) {
        this.overweight = overweight;
        this.cleanliness = cleanliness;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.weight = overweight == null ? null : new OverweightJudgement(overweight, zone);
        this.exit = cleanliness == null ? null : new CleanlinessJudgement(cleanliness);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Deterministic: the same passage always gives an equal verdict. Never throws for any valid Passage. */
    public Verdict judge(Passage passage) {
        Findings weightFindings = weight == null ? new Findings() : weight.judge(passage);
        Findings exitFindings = exit == null ? new Findings() : exit.judge(passage);
        boolean haulerUnchecked = exit != null && exit.haulerCheckImpossible(passage);
        boolean vehicleAtStake = weightFindings.atStake("")
                || exitFindings.atStake("DIRTY_ROAD") || haulerUnchecked;
        boolean anythingAtStake = vehicleAtStake || exitFindings.any(Level.BREACH);

        Findings all = new Findings();
        all.addAll(weightFindings);
        all.addAll(exitFindings);
        for (PassageFlag flag : passage.flags()) {
            if (flag == PassageFlag.TEST) {
                // a synthetic passage (docs/console.md): judged like any other, and said to be a test in the findings
                all.add(Level.NOTE, "TEST_PASSAGE", "", "测试通行，非真实车辆，不得立案 Test passage, not a vehicle: never a case");
                continue;
            }
            boolean weightInDoubt = weight != null
                    && (flag == PassageFlag.STRADDLING || flag == PassageFlag.NO_WEIGHT);
            boolean matters = anythingAtStake || weightInDoubt || flag == PassageFlag.DEVICE_FAULT;
            all.add(matters ? Level.DOUBT : Level.NOTE, "PASSAGE_FLAG_" + flag, "", FlagWords.of(flag)
                    + (matters ? "，需人工审核" : "；未发现违法，仅作记录"));
        }
        if (!passage.hasPlate()) {
            all.add(vehicleAtStake ? Level.DOUBT : Level.NOTE, "PLATE_UNSETTLED", "", "车辆号牌未能确定"
                    + (haulerUnchecked ? "，无法核验是否为登记运输车辆" : "")
                    + (vehicleAtStake ? "，不能立案，需人工审核" : "；未发现违法，仅作记录"));
        }

        Outcome outcome = all.any(Level.DOUBT) ? Outcome.REVIEW
                : all.any(Level.BREACH) ? Outcome.VIOLATION
                : all.any(Level.UNSURE) ? Outcome.REVIEW
                : Outcome.COMPLIANT;
        String code = "";
        if (outcome == Outcome.VIOLATION) {
            code = all.anyBreach("OVERWEIGHT_") ? overweight.enforcementCode() : cleanliness.enforcementCode();
        }
        return new Verdict(passage, outcome, all.ordered(), code);
    }
}
