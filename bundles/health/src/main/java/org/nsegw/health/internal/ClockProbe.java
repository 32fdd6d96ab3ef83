package org.nsegw.health.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nsegw.health.internal.HealthSnapshot.ClockStatus;

/**
 * The system clock's sync state and offset as the time service reports it: chrony ({@code chronyc -c tracking}) where
 * it runs, else systemd ({@code timedatectl show --property=NTPSynchronized}, and the offset from
 * {@code timedatectl timesync-status}). The evidence bundle's clock probe asks the same of systemd for each packet; this
 * one adds chrony and the offset. Where neither answers (containers, some Kura images) the state is {@code unknown} with
 * the reason: no alarm is raised on what could not be seen. The parsers are pure; {@link #probe()} runs the commands.
 */
final class ClockProbe {

    private static final long TIMEOUT_MS = 2_000;
    private static final Pattern OFFSET = Pattern.compile("(?m)^\\s*Offset:\\s*([+-]?[0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s|min)\\s*$");

    /** A command's exit status and output. */
    record Output(int exit, String text) {
    }

    /** Runs a command; empty when it cannot be started or does not finish in time. */
    interface Runner {
        Optional<Output> run(List<String> command);
    }

    private final Runner runner;

    ClockProbe(Runner runner) {
        this.runner = runner;
    }

    ClockProbe() {
        this(ClockProbe::exec);
    }

    ClockStatus probe() {
        Optional<Output> chrony = runner.run(List.of("chronyc", "-c", "tracking"));
        if (chrony.isPresent() && chrony.get().exit() == 0) {
            Optional<ClockStatus> parsed = chrony(chrony.get().text());
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        Optional<Output> synced = runner.run(List.of("timedatectl", "show", "--property=NTPSynchronized", "--value"));
        if (synced.isEmpty()) {
            return new ClockStatus(ClockStatus.UNKNOWN, "none", null, "neither chronyc nor timedatectl is available");
        }
        if (synced.get().exit() != 0) {
            String first = synced.get().text().strip().lines().findFirst().orElse("exit status " + synced.get().exit());
            return new ClockStatus(ClockStatus.UNKNOWN, "timedatectl", null, "timedatectl: " + first);
        }
        Double offset = runner.run(List.of("timedatectl", "timesync-status")).filter(o -> o.exit() == 0)
                .flatMap(o -> timesyncOffset(o.text())).orElse(null);
        return timedatectl(synced.get().text(), offset);
    }

    /**
     * {@code chronyc -c tracking}: comma-separated reference id, name, stratum, reference time, system time (the
     * offset in seconds), last offset, RMS offset, frequency, residual frequency, skew, root delay, root dispersion,
     * update interval, leap status.
     */
    static Optional<ClockStatus> chrony(String csv) {
        String line = csv.strip().lines().findFirst().orElse("");
        String[] f = line.split(",", -1);
        if (f.length < 14) {
            return Optional.empty();
        }
        double offsetMs;
        try {
            offsetMs = Math.abs(Double.parseDouble(f[4].strip())) * 1000;
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String leap = f[13].strip();
        boolean noReference = f[0].strip().matches("0+");
        boolean synced = !noReference && !leap.equalsIgnoreCase("Not synchronised");
        String detail = "reference " + (f[1].isBlank() ? f[0].strip() : f[1].strip()) + ", stratum " + f[2].strip() + ", leap status " + leap;
        return Optional.of(new ClockStatus(synced ? ClockStatus.SYNCHRONIZED : ClockStatus.UNSYNCHRONIZED, "chrony",
                synced ? offsetMs : null, detail));
    }

    /** {@code timedatectl show --property=NTPSynchronized --value}: yes or no. */
    static ClockStatus timedatectl(String value, Double offsetMs) {
        return switch (value.strip()) {
            case "yes" -> new ClockStatus(ClockStatus.SYNCHRONIZED, "timedatectl", offsetMs, "NTPSynchronized=yes");
            case "no" -> new ClockStatus(ClockStatus.UNSYNCHRONIZED, "timedatectl", null, "NTPSynchronized=no");
            default -> new ClockStatus(ClockStatus.UNKNOWN, "timedatectl", null, "timedatectl said '" + value.strip() + "'");
        };
    }

    /** The {@code Offset:} line of {@code timedatectl timesync-status} ({@code +1.234ms}, {@code -523us}, {@code +1.002s}), in ms. */
    static Optional<Double> timesyncOffset(String text) {
        Matcher m = OFFSET.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        double v = Math.abs(Double.parseDouble(m.group(1)));
        return Optional.of(switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ns" -> v / 1_000_000;
            case "us", "µs" -> v / 1000;
            case "s" -> v * 1000;
            case "min" -> v * 60_000;
            default -> v;
        });
    }

    private static Optional<Output> exec(List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new Output(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Optional.empty();
        }
    }
}
