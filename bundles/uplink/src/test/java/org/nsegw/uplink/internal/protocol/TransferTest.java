package org.nsegw.uplink.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nsegw.uplink.internal.protocol.Transfer.Phase;
import org.nsegw.uplink.internal.protocol.Transfer.Step;

class TransferTest {

    /** Publishes every due step (without PUBACKs) and returns them in order. */
    static List<Step> publishAll(Transfer t) {
        List<Step> out = new ArrayList<>();
        for (Optional<Step> s = t.next(); s.isPresent(); s = t.next()) {
            t.published(s.get());
            out.add(s.get());
        }
        return out;
    }

    @Test
    void theNoticeFirstThenTheChunksInOrder() {
        Transfer t = new Transfer("C1", 3);
        assertThat(publishAll(t)).containsExactly(Step.NOTICE, Step.chunk(0), Step.chunk(1), Step.chunk(2));
        assertThat(t.inFlight()).isEqualTo(4);
        assertThat(t.phase()).isEqualTo(Phase.SENDING);
    }

    @Test
    void awaitingOnlyWhenEverythingIsPubacked() {
        Transfer t = new Transfer("C1", 2);
        List<Step> steps = publishAll(t);
        t.pubacked(Step.chunk(0));
        t.pubacked(Step.chunk(1));
        assertThat(t.phase()).isEqualTo(Phase.SENDING);
        t.pubacked(Step.NOTICE);
        assertThat(t.phase()).isEqualTo(Phase.AWAITING);
        assertThat(t.inFlight()).isZero();
        assertThat(t.next()).isEmpty();
        assertThat(steps).hasSize(3);
    }

    @Test
    void aPubackNeverFinishesACase() {
        Transfer t = new Transfer("C1", 1);
        publishAll(t).forEach(t::pubacked);
        assertThat(t.phase()).isEqualTo(Phase.AWAITING).isNotEqualTo(Phase.VERIFIED);
        t.verified();
        assertThat(t.phase()).isEqualTo(Phase.VERIFIED);
        assertThat(t.next()).isEmpty();
    }

    @Test
    void aReconnectSendsTheNoticeAgainAndContinuesFromTheFirstChunkWithoutPuback() {
        Transfer t = new Transfer("C1", 5);
        publishAll(t);
        t.pubacked(Step.NOTICE);
        t.pubacked(Step.chunk(0));
        t.pubacked(Step.chunk(1));
        t.pubacked(Step.chunk(3));
        t.reconnected();
        assertThat(t.inFlight()).isZero();
        assertThat(publishAll(t)).containsExactly(Step.NOTICE, Step.chunk(2), Step.chunk(4));
    }

    @Test
    void aReconnectLeavesACaseThatWaitsForThePlatformAlone() {
        Transfer t = new Transfer("C1", 2);
        publishAll(t).forEach(t::pubacked);
        t.reconnected();
        assertThat(t.phase()).isEqualTo(Phase.AWAITING);
        assertThat(t.next()).isEmpty();
    }

    @Test
    void missingChunksAreSentAgain() {
        Transfer t = new Transfer("C1", 4);
        publishAll(t).forEach(t::pubacked);
        t.missing(List.of(1, 3));
        assertThat(t.phase()).isEqualTo(Phase.SENDING);
        assertThat(publishAll(t)).containsExactly(Step.chunk(1), Step.chunk(3));
        t.pubacked(Step.chunk(1));
        t.pubacked(Step.chunk(3));
        assertThat(t.phase()).isEqualTo(Phase.AWAITING);
    }

    @Test
    void missingLeavesChunksInFlightOnTheirWay() {
        Transfer t = new Transfer("C1", 2);
        publishAll(t);
        t.missing(List.of(0));
        assertThat(t.next()).isEmpty();
        assertThat(t.inFlight()).isEqualTo(3);
    }

    @Test
    void missingWithAnIndexOutsideThePacketChangesNothing() {
        Transfer t = new Transfer("C1", 2);
        publishAll(t).forEach(t::pubacked);
        assertThatThrownBy(() -> t.missing(List.of(0, 2))).hasMessageContaining("no chunk 2");
        assertThatThrownBy(() -> t.missing(List.of(-1))).hasMessageContaining("no chunk -1");
        assertThat(t.phase()).isEqualTo(Phase.AWAITING);
    }

    @Test
    void aFailedPublishIsSentAgainButAFailureAfterAPubackIsIgnored() {
        Transfer t = new Transfer("C1", 2);
        publishAll(t);
        t.failed(Step.chunk(1));
        t.pubacked(Step.chunk(0));
        t.failed(Step.chunk(0));
        assertThat(t.next()).contains(Step.chunk(1));
    }

    @Test
    void aRepeatedPubackChangesNothingAndALatePubackCounts() {
        Transfer t = new Transfer("C1", 1);
        publishAll(t);
        t.reconnected(); // both back to unsent
        t.pubacked(Step.chunk(0)); // the old PUBACK arrives after all
        assertThat(publishAll(t)).containsExactly(Step.NOTICE);
        t.pubacked(Step.NOTICE);
        t.pubacked(Step.NOTICE);
        assertThat(t.phase()).isEqualTo(Phase.AWAITING);
    }

    @Test
    void rejectedStopsEverythingAndVerifiedIsNotUndone() {
        Transfer t = new Transfer("C1", 3);
        publishAll(t);
        t.rejected();
        assertThat(t.phase()).isEqualTo(Phase.REJECTED);
        t.reconnected();
        t.missing(List.of(0));
        assertThat(t.next()).isEmpty();
        Transfer v = new Transfer("C2", 1);
        v.verified();
        v.rejected();
        assertThat(v.phase()).isEqualTo(Phase.VERIFIED);
    }

    @Test
    void aPacketHasAtLeastOneChunk() {
        assertThatThrownBy(() -> new Transfer("C1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Transfer("C1", 1).pubacked(Step.chunk(1))).hasMessageContaining("no chunk 1");
    }
}
