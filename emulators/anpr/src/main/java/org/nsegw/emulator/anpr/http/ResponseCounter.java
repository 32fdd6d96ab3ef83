package org.nsegw.emulator.anpr.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the answers a camera gets: every HTTP exchange by status, and exchanges that got no answer. */
public final class ResponseCounter {

    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();

    void status(int status) {
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void failure() {
        failures.increment();
    }

    /** Exchanges by HTTP status, in order of status. */
    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> out = new TreeMap<>();
        statuses.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Exchanges that failed without an answer (refused, reset, timed out). */
    public long failures() {
        return failures.sum();
    }
}
