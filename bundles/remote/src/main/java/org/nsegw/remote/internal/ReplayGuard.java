package org.nsegw.remote.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The nonces of the commands accepted and not yet expired: a nonce seen again before its command expires is a replay. A
 * command is accepted only until its expiry, so a nonce can be forgotten after it. The {@link Store} keeps them across
 * restarts (the component appends each to a file before it obeys the command).
 */
final class ReplayGuard {

    /** Where accepted nonces are kept; {@link #remember} returns only once the nonce is durable. */
    interface Store {
        void remember(String nonce, Instant expires);
    }

    private final Map<String, Instant> seen = new HashMap<>();
    private final Store store;

    ReplayGuard(Store store, Map<String, Instant> loaded, Instant now) {
        this.store = store;
        loaded.forEach((nonce, expires) -> {
            if (expires.isAfter(now)) {
                seen.put(nonce, expires);
            }
        });
    }

    /** True the first time {@code nonce} is offered before its expiry (and it is then stored); false for a replay. */
    boolean firstUse(String nonce, Instant expires, Instant now) {
        seen.values().removeIf(e -> !e.isAfter(now));
        if (seen.containsKey(nonce)) {
            return false;
        }
        store.remember(nonce, expires);
        seen.put(nonce, expires);
        return true;
    }

    /** The nonces still remembered, for compacting the store. */
    Map<String, Instant> live(Instant now) {
        seen.values().removeIf(e -> !e.isAfter(now));
        return Map.copyOf(seen);
    }
}
