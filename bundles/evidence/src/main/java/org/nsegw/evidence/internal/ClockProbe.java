package org.nsegw.evidence.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.nsegw.evidence.internal.content.ClockState;

/**
 * The system clock's sync state as systemd reports it ({@code timedatectl show --property=NTPSynchronized}), asked at
 * most once a minute. Where systemd does not run (containers, some Kura images) the state is "unknown" with the reason:
 * a packet never claims a sync it could not see.
 */
final class ClockProbe implements Supplier<ClockState> {

    static final String SOURCE = "system clock";
    private static final Duration CACHE = Duration.ofMinutes(1);
    private static final long TIMEOUT_MS = 2_000;

    private final Clock clock;
    private ClockState last;
    private Instant asked = Instant.MIN;

    ClockProbe(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ClockState get() {
        Instant now = clock.instant();
        if (last == null || now.isAfter(asked.plus(CACHE)) || now.isBefore(asked)) {
            last = new ClockState(SOURCE, ask());
            asked = now;
        }
        return last;
    }

    private static String ask() {
        Process p;
        try {
            p = new ProcessBuilder("timedatectl", "show", "--property=NTPSynchronized", "--value")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return "unknown: timedatectl not available";
        }
        try {
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "unknown: timedatectl did not answer";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                String first = out.lines().findFirst().orElse("exit status " + p.exitValue());
                return "unknown: timedatectl: " + first;
            }
            return switch (out) {
                case "yes" -> "synchronized (NTP)";
                case "no" -> "not synchronized";
                default -> "unknown: timedatectl said '" + out + "'";
            };
        } catch (IOException e) {
            return "unknown: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return "unknown: interrupted";
        }
    }
}
