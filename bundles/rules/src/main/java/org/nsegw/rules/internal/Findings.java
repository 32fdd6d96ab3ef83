package org.nsegw.rules.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nsegw.api.rules.Finding;

/** The findings of one judgement, each with the weight it carries in the outcome. */
final class Findings {

    /** What a finding does to the outcome. */
    enum Level {
        /** A rule is breached beyond doubt: a violation unless something sends the passage to review. */
        BREACH,
        /** A doubt about the evidence itself (a flag, an unsettled plate): the passage goes to review. */
        DOUBT,
        /**
         * A rule may be breached, or would be but the evidence cannot support a case (the limit is not certain, the
         * device is not verified): review, unless another rule is breached beyond doubt, whose case then carries it.
         */
        UNSURE,
        /** Recorded for the reader; changes nothing. */
        NOTE
    }

    record Judged(Level level, Finding finding) {
    }

    private final List<Judged> judged = new ArrayList<>();

    void add(Level level, String code, String legalBasis, String explanation) {
        judged.add(new Judged(level, new Finding(code, legalBasis, code + "：" + explanation)));
    }

    boolean any(Level level) {
        return judged.stream().anyMatch(j -> j.level() == level);
    }

    boolean anyBreach(String codePrefix) {
        return judged.stream().anyMatch(j -> j.level() == Level.BREACH && j.finding().code().startsWith(codePrefix));
    }

    /** Whether any finding, apart from those with the code given, is more than a note: a rule is or may be breached. */
    boolean atStake(String exceptCode) {
        return judged.stream().anyMatch(j -> j.level() != Level.NOTE && !j.finding().code().equals(exceptCode));
    }

    /** Breaches that cannot support a case after all become unsure. */
    void demoteBreaches() {
        judged.replaceAll(j -> j.level() == Level.BREACH ? new Judged(Level.UNSURE, j.finding()) : j);
    }

    int size() {
        return judged.size();
    }

    void addAll(Findings other) {
        judged.addAll(other.judged);
    }

    /** Breaches first, then doubts, then notes; in the order found within each. */
    List<Finding> ordered() {
        return judged.stream().sorted(Comparator.comparing(Judged::level)).map(Judged::finding).toList();
    }
}
