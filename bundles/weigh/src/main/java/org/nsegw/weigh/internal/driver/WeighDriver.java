package org.nsegw.weigh.internal.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.Verification;
import org.nsegw.api.weigh.WeighRecord;

/**
 * One weigh sensor's logic, apart from its port and thread: what to do when the port opens or vanishes, when bytes
 * arrive, and as time passes (polling, the silence watchdog, stalled frames). Pure and single-threaded: events in,
 * {@link Effects} out; the caller owns the port, the clock and the thread.
 */
public final class WeighDriver {

    /**
     * @param deviceId      the device id
     * @param lane          its lane
     * @param accuracyClass its accuracy class, carried by every record
     * @param verification  its verification certificate, or {@code null}
     * @param silence       no valid data for this long marks the device offline (the profile's timeout)
     * @param pollInterval  how often a polled device is asked
     * @param frameTimeout  a frame left incomplete this long is given up (a poll unanswered this long too)
     */
    public record Settings(String deviceId, String lane, String accuracyClass, Verification verification, Duration silence,
            Duration pollInterval, Duration frameTimeout) {
    }

    /**
     * What the caller must do after an event.
     *
     * @param records weigh records to hand to the listeners, in order
     * @param writes  bytes to write to the device, in order
     * @param status  the device's new status, when it changed (state, reason or counters)
     * @param alarms  alarms to raise (the device went silent, vanished...)
     */
    public record Effects(List<WeighRecord> records, List<byte[]> writes, Optional<DeviceStatus> status, List<String> alarms) {
        static final Effects NONE = new Effects(List.of(), List.of(), Optional.empty(), List.of());
    }

    private final Settings settings;
    private final Pipeline pipeline;
    private final Map<String, Long> counters = new TreeMap<>();
    private DeviceStatus status;
    private DeviceStatus reported;
    private boolean connected;
    private Instant lastValid;
    private Instant lastBytes;
    private Instant nextPoll;
    private Instant pollSent;
    private boolean answered = true;

    public WeighDriver(Settings settings, Pipeline pipeline, Instant now) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.status = DeviceStatus.waiting(settings.deviceId(), DeviceKind.WEIGH_SENSOR, settings.lane(), now);
    }

    public DeviceStatus status() {
        return status.withCounters(counters);
    }

    /** The port is open. */
    public Effects connected(Instant now) {
        connected = true;
        lastBytes = now;
        nextPoll = now;
        answered = true;
        status = status.withState(DeviceState.OFFLINE, "port open, waiting for data", now);
        List<byte[]> writes = new ArrayList<>();
        poll(now, new ArrayList<>(), writes);
        return effects(List.of(), writes, List.of());
    }

    /** The port could not be opened, or it vanished. */
    public Effects disconnected(String reason, Instant now) {
        List<String> alarms = new ArrayList<>();
        if (connected && status.state() == DeviceState.ONLINE) {
            alarms.add("weigh sensor " + settings.deviceId() + " lost: " + reason);
        }
        connected = false;
        List<Pipeline.Outcome> outcomes = pipeline.pending() > 0 ? pipeline.timeout(now) : List.of();
        List<WeighRecord> records = new ArrayList<>();
        absorb(outcomes, now, records);
        status = status.withState(DeviceState.OFFLINE, reason, now);
        return effects(records, List.of(), alarms);
    }

    /** Bytes arrived. */
    public Effects received(byte[] bytes, int offset, int length, Instant now) {
        lastBytes = now;
        List<WeighRecord> records = new ArrayList<>();
        absorb(pipeline.feed(bytes, offset, length, now), now, records);
        return effects(records, List.of(), List.of());
    }

    /** Time passed: polls, gives up stalled frames, and marks a silent device offline. */
    public Effects tick(Instant now) {
        List<WeighRecord> records = new ArrayList<>();
        List<byte[]> writes = new ArrayList<>();
        List<String> alarms = new ArrayList<>();
        if (!connected) {
            return effects(records, writes, alarms);
        }
        if (pipeline.pending() > 0 && !lastBytes.plus(settings.frameTimeout()).isAfter(now)) {
            absorb(pipeline.timeout(now), now, records);
        }
        poll(now, records, writes);
        Instant since = lastValid != null ? lastValid : status.since();
        if (status.state() == DeviceState.ONLINE && !since.plus(settings.silence()).isAfter(now)) {
            String reason = "no data for " + settings.silence().toSeconds() + " s";
            status = status.withState(DeviceState.OFFLINE, reason, now);
            alarms.add("weigh sensor " + settings.deviceId() + " silent: " + reason);
        }
        return effects(records, writes, alarms);
    }

    private void poll(Instant now, List<WeighRecord> records, List<byte[]> writes) {
        Optional<byte[]> request = pipeline.request();
        if (request.isEmpty()) {
            return;
        }
        if (!answered && pollSent != null && !pollSent.plus(settings.frameTimeout()).isAfter(now)) {
            count("timeouts");
            absorb(pipeline.timeout(now), now, records);
            answered = true;
        }
        if (answered && !nextPoll.isAfter(now)) {
            writes.add(request.get());
            pollSent = now;
            answered = false;
            nextPoll = now.plus(settings.pollInterval());
        }
    }

    private void absorb(List<Pipeline.Outcome> outcomes, Instant now, List<WeighRecord> records) {
        for (Pipeline.Outcome o : outcomes) {
            if (o instanceof Pipeline.Rejected r) {
                count("rejected." + r.reason().name().toLowerCase());
                continue;
            }
            lastValid = now;
            answered = true;
            if (status.state() != DeviceState.ONLINE) {
                status = status.withState(DeviceState.ONLINE, "", now);
            }
            status = status.withData(now);
            if (o instanceof Pipeline.Measured m) {
                count("records");
                Measurement x = m.measurement();
                records.add(new WeighRecord(settings.deviceId(), settings.lane(), x.time(), x.speedKmh(), x.axles(),
                        x.groups(), x.grossKg(), settings.accuracyClass(), settings.verification(), x.flags(), x.raw()));
            } else {
                count("frames");
            }
        }
    }

    private void count(String counter) {
        counters.merge(counter, 1L, Long::sum);
    }

    private Effects effects(List<WeighRecord> records, List<byte[]> writes, List<String> alarms) {
        DeviceStatus now = status();
        boolean changed = reported == null || reported.state() != now.state() || !reported.reason().equals(now.reason())
                || !reported.counters().equals(now.counters()) || !java.util.Objects.equals(reported.lastData(), now.lastData());
        Optional<DeviceStatus> report = changed ? Optional.of(now) : Optional.empty();
        if (changed) {
            reported = now;
        }
        if (records.isEmpty() && writes.isEmpty() && report.isEmpty() && alarms.isEmpty()) {
            return Effects.NONE;
        }
        return new Effects(List.copyOf(records), List.copyOf(writes), report, List.copyOf(alarms));
    }
}
