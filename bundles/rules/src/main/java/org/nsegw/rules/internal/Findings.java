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
        /** A doubt that matters: the passage goes to review. */
        DOUBT,
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

    /** Whether anything was breached or doubted, apart from the codes given. */
    boolean anyBreachOrDoubtBesides(String code) {
        return judged.stream().anyMatch(j -> j.level() != Level.NOTE && !j.finding().code().equals(code));
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
