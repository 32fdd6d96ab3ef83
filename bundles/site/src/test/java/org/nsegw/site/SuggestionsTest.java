package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    @ParameterizedTest
    @CsvSource({"'','',0", "a,'',1", "'',abc,3", "kitten,sitting,3", "prot,port,1", "baud,bawd,1", "devcies,devices,1", "abc,abc,0", "ab,ba,1"})
    void editDistanceCountsASwapAsOne(String a, String b, int expected) {
        assertThat(Suggestions.distance(a, b)).isEqualTo(expected);
        assertThat(Suggestions.distance(b, a)).isEqualTo(expected);
    }

    @Test
    void suggestsTheClosestCandidate() {
        assertThat(Suggestions.didYouMean("postedLimtKg", List.of("postedLimitKg", "laneLimitsKg")))
                .isEqualTo(" (did you mean 'postedLimitKg'?)");
    }

    @Test
    void ignoresCase() {
        assertThat(Suggestions.didYouMean("TOPICPREFIX", List.of("broker", "topicPrefix"))).isEqualTo(" (did you mean 'topicPrefix'?)");
    }

    @Test
    void allowsMoreEditsForLongerWords() {
        // short candidates: one edit; a third of the length up to three edits for longer ones
        assertThat(Suggestions.didYouMean("ab", List.of("t"))).isEmpty();
        assertThat(Suggestions.didYouMean("kx", List.of("kg"))).isEqualTo(" (did you mean 'kg'?)");
        assertThat(Suggestions.didYouMean("prity", List.of("parity"))).isEqualTo(" (did you mean 'parity'?)");
        assertThat(Suggestions.didYouMean("pxrxty", List.of("parity"))).isEqualTo(" (did you mean 'parity'?)");
        assertThat(Suggestions.didYouMean("pxrxtx", List.of("parity"))).isEmpty();
        assertThat(Suggestions.didYouMean("weigh/tldo-contnus", List.of("weigh/toledo-continuous"))).isEmpty();
        assertThat(Suggestions.didYouMean("weigh/toledo-contnuus", List.of("weigh/toledo-continuous")))
                .isEqualTo(" (did you mean 'weigh/toledo-continuous'?)");
    }

    @Test
    void prefersTheFirstOfEquallyCloseCandidates() {
        assertThat(Suggestions.didYouMean("L2", List.of("L1", "L3"))).isEqualTo(" (did you mean 'L1'?)");
        assertThat(Suggestions.didYouMean("L3x", List.of("L1", "L3"))).isEqualTo(" (did you mean 'L3'?)");
    }

    @Test
    void nothingWithoutCandidates() {
        assertThat(Suggestions.didYouMean("anything", List.of())).isEmpty();
    }
}
