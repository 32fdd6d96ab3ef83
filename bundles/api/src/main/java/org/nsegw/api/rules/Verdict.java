package org.nsegw.api.rules;

import java.util.List;
import java.util.Objects;
import org.nsegw.api.fusion.Passage;

/**
 * The rules' decision on one passage. The same passage and configuration always give the same verdict.
 *
 * @param passage         the passage judged
 * @param outcome         violation, review or compliant
 * @param findings        every reason behind the outcome
 * @param enforcementCode the enforcement item code the platform files the case under; empty unless a violation
 */
public record Verdict(Passage passage, Outcome outcome, List<Finding> findings, String enforcementCode) {

    public Verdict {
        Objects.requireNonNull(passage, "passage");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(enforcementCode, "enforcementCode");
        findings = List.copyOf(findings);
        if (outcome != Outcome.COMPLIANT && findings.isEmpty()) {
            throw new IllegalArgumentException(outcome + " without a finding");
        }
    }
}
