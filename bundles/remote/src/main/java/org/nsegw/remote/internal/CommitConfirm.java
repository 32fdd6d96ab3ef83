package org.nsegw.remote.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Commit-confirmed: a change is on trial until an operator confirms it. Unconfirmed by its deadline, or with the uplink
 * down for longer than the grace after the change, it is rolled back to the snapshot written before it. Several changes
 * before a confirm share one trial: the rollback goes back to the state before the first, and each change renews the
 * deadline. Pure: the caller gives the time and the connection state.
 */
final class CommitConfirm {

    /** A change on trial: {@code snapshot} is the state before it; {@code lostSince} is when the uplink went down, or null. */
    record Trial(String changeId, String snapshot, String operator, Instant deadline, Instant lostSince) {
    }

    /** Why a trial ends in a rollback. */
    enum Reason {
        NOT_CONFIRMED, UPLINK_LOST
    }

    record Rollback(Trial trial, Reason reason) {
    }

    private final Duration confirmWithin;
    private final Duration lostGrace;
    private Trial trial;

    CommitConfirm(Duration confirmWithin, Duration lostGrace, Trial resumed) {
        this.confirmWithin = confirmWithin;
        this.lostGrace = lostGrace;
        this.trial = resumed;
    }

    Optional<Trial> trial() {
        return Optional.ofNullable(trial);
    }

    /** A change was applied at {@code now}; {@code snapshot} holds the state before it. */
    Trial changed(String changeId, String snapshot, String operator, Instant now) {
        Instant deadline = now.plus(confirmWithin);
        trial = trial == null ? new Trial(changeId, snapshot, operator, deadline, null)
                : new Trial(changeId, trial.snapshot(), operator, deadline, trial.lostSince());
        return trial;
    }

    /** The operator confirmed: the trial ends and the change stays. Empty when nothing was on trial. */
    Optional<Trial> confirm() {
        Optional<Trial> ended = trial();
        trial = null;
        return ended;
    }

    /**
     * Called regularly: a rollback when the deadline passed or the uplink has been down longer than the grace; the trial
     * then ends (the caller rolls back).
     */
    Optional<Rollback> tick(Instant now, boolean connected) {
        if (trial == null) {
            return Optional.empty();
        }
        if (connected) {
            if (trial.lostSince() != null) {
                trial = new Trial(trial.changeId(), trial.snapshot(), trial.operator(), trial.deadline(), null);
            }
        } else if (trial.lostSince() == null) {
            trial = new Trial(trial.changeId(), trial.snapshot(), trial.operator(), trial.deadline(), now);
        }
        Reason reason = null;
        if (trial.lostSince() != null && !now.isBefore(trial.lostSince().plus(lostGrace))) {
            reason = Reason.UPLINK_LOST;
        } else if (!now.isBefore(trial.deadline())) {
            reason = Reason.NOT_CONFIRMED;
        }
        if (reason == null) {
            return Optional.empty();
        }
        Rollback r = new Rollback(trial, reason);
        trial = null;
        return Optional.of(r);
    }
}
