package org.nsegw.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: after {@code maxFailures} wrong passwords from one address, logins from it are
 * refused for {@code pause} without the password being checked. A right password clears the address's count. Pure;
 * thread-safe.
 */
final class LoginThrottle {

    /** Addresses remembered; beyond it the oldest entry is forgotten (a flood of addresses cannot fill memory). */
    static final int MAX_ADDRESSES = 4096;

    private record Entry(int failures, Instant pausedUntil) {
    }

    private final Clock clock;
    private final int maxFailures;
    private final Duration pause;
    private final Map<String, Entry> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    LoginThrottle(Clock clock, int maxFailures, Duration pause) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.pause = pause;
    }

    /** How long logins from {@code address} are still refused; empty when one may be tried now. */
    synchronized Optional<Duration> refusedFor(String address) {
        Entry e = byAddress.get(address);
        Instant now = clock.instant();
        if (e == null || e.pausedUntil() == null || !now.isBefore(e.pausedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, e.pausedUntil()));
    }

    /** A wrong password from {@code address}; returns whether this one started a pause. */
    synchronized boolean failed(String address) {
        Entry e = byAddress.get(address);
        Instant now = clock.instant();
        int failures = e == null || (e.pausedUntil() != null && !now.isBefore(e.pausedUntil())) ? 1 : e.failures() + 1;
        if (failures >= maxFailures) {
            byAddress.put(address, new Entry(0, now.plus(pause)));
            return true;
        }
        byAddress.put(address, new Entry(failures, null));
        return false;
    }

    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }
}
