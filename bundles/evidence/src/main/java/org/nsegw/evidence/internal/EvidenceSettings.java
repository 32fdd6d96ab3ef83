package org.nsegw.evidence.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.nsegw.api.rules.Outcome;
import org.nsegw.outbox.OutboxSettings;

/**
 * The evidence component's settings, checked.
 *
 * @param algorithm     {@code Ed25519}, {@code SM2} or {@code ECDSA-P256}
 * @param keyDirectory  the key folder as configured; empty for {@code <data>/keys}
 * @param outbox        quota, retention and alarm of the outbox
 * @param outcomes      the outcomes that become packets
 * @param queueCapacity verdicts that may wait to be stored
 * @param drain         how long a stop waits for the queue
 * @param checkpointEveryPackets a checkpoint after this many packets since the last
 * @param checkpointEvery        a checkpoint after this time since the last, if packets came
 */
record EvidenceSettings(String algorithm, String keyDirectory, OutboxSettings outbox, Set<Outcome> outcomes,
        int queueCapacity, Duration drain, int checkpointEveryPackets, Duration checkpointEvery) {

    static final Set<String> ALGORITHMS = Set.of("Ed25519", "SM2", "ECDSA-P256");

    EvidenceSettings {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("signing.algorithm is '" + algorithm + "'; allowed: Ed25519, SM2, ECDSA-P256");
        }
        outcomes = outcomes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outcomes));
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue.capacity must be at least 1, not " + queueCapacity);
        }
        if (checkpointEveryPackets < 1) {
            throw new IllegalArgumentException("checkpoint.everyPackets must be at least 1, not " + checkpointEveryPackets);
        }
        if (checkpointEvery.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("checkpoint.everyMinutes must be at least 1, not " + checkpointEvery.toMinutes());
        }
    }

    static final int CHECKPOINT_EVERY_PACKETS = 100;
    static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(15);

    /** With the default checkpoint cadence. */
    EvidenceSettings(String algorithm, String keyDirectory, OutboxSettings outbox, Set<Outcome> outcomes,
            int queueCapacity, Duration drain) {
        this(algorithm, keyDirectory, outbox, outcomes, queueCapacity, drain, CHECKPOINT_EVERY_PACKETS, CHECKPOINT_EVERY);
    }

    EvidenceSettings withCheckpoints(int everyPackets, Duration every) {
        return new EvidenceSettings(algorithm, keyDirectory, outbox, outcomes, queueCapacity, drain, everyPackets, every);
    }

    static EvidenceSettings defaults() {
        return new EvidenceSettings("Ed25519", "", OutboxSettings.defaults(), EnumSet.allOf(Outcome.class), 10_000,
                Duration.ofSeconds(30));
    }

    static EvidenceSettings of(EvidenceConfig c) {
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        for (String o : c.outcomes()) {
            try {
                outcomes.add(Outcome.valueOf(o.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("outcomes: '" + o + "' is not an outcome; allowed: VIOLATION, REVIEW, COMPLIANT");
            }
        }
        return new EvidenceSettings(c.signing_algorithm(), c.signing_keyDirectory(),
                new OutboxSettings(c.outbox_quotaMb() * 1024L * 1024L, Duration.ofDays(c.outbox_retentionDays()),
                        c.outbox_alarmPercent()),
                outcomes, c.queue_capacity(), Duration.ofSeconds(c.queue_drainSeconds()), c.checkpoint_everyPackets(),
                Duration.ofMinutes(c.checkpoint_everyMinutes()));
    }
}
