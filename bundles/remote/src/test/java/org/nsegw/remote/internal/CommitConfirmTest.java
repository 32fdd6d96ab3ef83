package org.nsegw.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommitConfirmTest {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    final CommitConfirm cc = new CommitConfirm(Duration.ofSeconds(60), Duration.ofSeconds(10), null);

    @Test
    void unconfirmedRollsBackAtTheDeadlineNotBefore() {
        cc.changed("c1", "s1", "alice", T0);
        assertThat(cc.tick(T0.plusSeconds(59), true)).isEmpty();
        CommitConfirm.Rollback r = cc.tick(T0.plusSeconds(60), true).orElseThrow();
        assertThat(r.reason()).isEqualTo(CommitConfirm.Reason.NOT_CONFIRMED);
        assertThat(r.trial().snapshot()).isEqualTo("s1");
        assertThat(cc.trial()).isEmpty();
        assertThat(cc.tick(T0.plusSeconds(120), true)).isEmpty();
    }

    @Test
    void confirmedStays() {
        cc.changed("c1", "s1", "alice", T0);
        assertThat(cc.confirm()).isPresent();
        assertThat(cc.tick(T0.plusSeconds(600), false)).isEmpty();
        assertThat(cc.confirm()).as("nothing left to confirm").isEmpty();
    }

    @Test
    void uplinkLostLongerThanTheGraceRollsBack() {
        cc.changed("c1", "s1", "alice", T0);
        assertThat(cc.tick(T0.plusSeconds(1), false)).isEmpty();
        assertThat(cc.tick(T0.plusSeconds(10), false)).isEmpty();
        assertThat(cc.tick(T0.plusSeconds(11), false).orElseThrow().reason()).isEqualTo(CommitConfirm.Reason.UPLINK_LOST);
    }

    @Test
    void aShortLossIsForgiven() {
        cc.changed("c1", "s1", "alice", T0);
        assertThat(cc.tick(T0.plusSeconds(1), false)).isEmpty();
        assertThat(cc.tick(T0.plusSeconds(5), true)).isEmpty();
        assertThat(cc.tick(T0.plusSeconds(12), false)).isEmpty();
        assertThat(cc.tick(T0.plusSeconds(21), false)).isEmpty();
        assertThat(cc.tick(T0.plusSeconds(22), false)).isPresent();
    }

    @Test
    void aSecondChangeRenewsTheDeadlineAndKeepsTheFirstSnapshot() {
        cc.changed("c1", "s1", "alice", T0);
        cc.changed("c2", "s2", "bob", T0.plusSeconds(50));
        assertThat(cc.tick(T0.plusSeconds(100), true)).isEmpty();
        CommitConfirm.Rollback r = cc.tick(T0.plusSeconds(110), true).orElseThrow();
        assertThat(r.trial().snapshot()).isEqualTo("s1");
        assertThat(r.trial().changeId()).isEqualTo("c2");
    }

    @Test
    void aTrialResumedAfterARestartKeepsItsDeadline() {
        CommitConfirm resumed = new CommitConfirm(Duration.ofSeconds(60), Duration.ofSeconds(10),
                new CommitConfirm.Trial("c1", "s1", "alice", T0.plusSeconds(30), null));
        assertThat(resumed.tick(T0.plusSeconds(29), true)).isEmpty();
        assertThat(resumed.tick(T0.plusSeconds(30), true)).isPresent();
    }
}
