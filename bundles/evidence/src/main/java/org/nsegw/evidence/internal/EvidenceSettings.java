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
 */
record EvidenceSettings(String algorithm, String keyDirectory, OutboxSettings outbox, Set<Outcome> outcomes,
        int queueCapacity, Duration drain) {

    static final Set<String> ALGORITHMS = Set.of("Ed25519", "SM2", "ECDSA-P256");

    EvidenceSettings {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("signing.algorithm is '" + algorithm + "'; allowed: Ed25519, SM2, ECDSA-P256");
        }
        outcomes = outcomes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outcomes));
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue.capacity must be at least 1, not " + queueCapacity);
        }
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
                outcomes, c.queue_capacity(), Duration.ofSeconds(c.queue_drainSeconds()));
    }
}
