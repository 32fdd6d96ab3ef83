package org.nsegw.fusion.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadListener;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageListener;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationListener;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.api.weigh.WeighRecordListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The gateway's passage fusion: one {@link SiteFusion} over every lane, fed by the sensors and cameras (whiteboard
 * listeners), advanced by the wall clock every {@link #TICK_MS} ms and at the earliest moment a pending passage may be
 * decided ({@link SiteFusion#nextDeadline}: a passage leaves when its windows close, not up to a tick later), handing
 * each passage to every
 * {@link PassageListener}. Everything happens on one thread, so the pure core needs no lock and passages leave in
 * order; the sensors' threads only queue their records. When lanes come or go, the pending passages are flushed and
 * fusion starts over with the new lanes.
 */
@Component(immediate = true, service = {WeighRecordListener.class, PlateReadListener.class, ObservationListener.class})
public final class Fusion implements WeighRecordListener, PlateReadListener, ObservationListener {

    static final long TICK_MS = 200;

    private final Logger log;
    private final ScheduledExecutorService thread = singleThread();
    private final List<Lane> lanes = new ArrayList<>();
    private SiteFusion fusion = new SiteFusion(List.of());
    private volatile boolean lateInputWarned;
    /** When the one-shot advance scheduled for the next deadline runs; null when none is. On fusion's thread only. */
    private Instant wakeAt;

    @Reference(service = PassageListener.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<PassageListener> listeners = List.of();

    /** Fusion's thread; at shutdown the advances scheduled for later deadlines are dropped (the stop flushes). */
    private static ScheduledExecutorService singleThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "nsegw-fusion");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Activate
    public Fusion(@Reference(name = "log", service = LoggerFactory.class) Logger log) {
        this.log = log;
        thread.scheduleWithFixedDelay(() -> run(() -> fusion.advance(Instant.now())), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        submit(() -> fusion.flush());
        thread.shutdown();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("Fusion did not finish its last passages within 5 s");
            thread.shutdownNow();
        }
    }

    @Reference(service = Lane.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addLane(Lane lane) {
        submit(() -> {
            lanes.add(lane);
            return restart();
        });
    }

    void removeLane(Lane lane) {
        if (thread.isShutdown()) {
            return; // the lanes leave after fusion has stopped: nothing left to flush
        }
        submit(() -> {
            lanes.remove(lane);
            return restart();
        });
    }

    /** The passages pending under the old lanes, and fusion over the lanes now present. */
    private List<Passage> restart() {
        List<Passage> pending = fusion.flush();
        List<LaneSettings> settings = lanes.stream().map(Lane::settings).flatMap(Optional::stream)
                .sorted(Comparator.comparing(LaneSettings::id)).toList();
        try {
            fusion = new SiteFusion(settings);
            log.info("Fusion over lanes {}", settings.stream().map(LaneSettings::id).toList());
        } catch (IllegalArgumentException e) {
            fusion = new SiteFusion(List.of());
            log.error("Fusion cannot combine the lanes: {}; every record becomes a passage without plate", e.getMessage());
        }
        return pending;
    }

    @Override
    public void weighed(WeighRecord record) {
        Instant now = Instant.now();
        submit(() -> {
            checkClock(record, now);
            return fusion.weighed(record);
        });
    }

    /** How far a record's time may be from its arrival before the sensor's clock is in doubt. */
    static final Duration CLOCK_AHEAD = Duration.ofSeconds(1);
    static final Duration CLOCK_BEHIND = Duration.ofSeconds(5);
    static final Duration CLOCK_WARNING_EVERY = Duration.ofMinutes(10);
    private final Map<String, Instant> clockWarned = new HashMap<>();

    /**
     * Fusion matches weigh records with plate reads by time: the weigh sensors' clocks must agree with the cameras'. A
     * record stamped well after it arrived, or long before, says the sensor's clock is off (or its records are held
     * up); the installer hears of it, at most every ten minutes per sensor.
     */
    private void checkClock(WeighRecord record, Instant arrived) {
        Duration delay = Duration.between(record.time(), arrived);
        if (delay.compareTo(CLOCK_AHEAD.negated()) >= 0 && delay.compareTo(CLOCK_BEHIND) <= 0) {
            return;
        }
        Instant last = clockWarned.get(record.deviceId());
        if (last == null || Duration.between(last, arrived).compareTo(CLOCK_WARNING_EVERY) >= 0) {
            clockWarned.put(record.deviceId(), arrived);
            log.warn("Weigh sensor {}: a record stamped {} arrived at {} ({} ms apart): fusion matches records and plate reads "
                    + "by time, so the sensor, the cameras and the gateway need one clock (NTP)", record.deviceId(), record.time(),
                    arrived, delay.toMillis());
        }
    }

    @Override
    public void plateRead(PlateRead read) {
        submit(() -> fusion.read(read));
    }

    @Override
    public void observed(Observation observation) {
        submit(() -> fusion.observed(observation));
    }

    private void submit(Supplier<List<Passage>> step) {
        try {
            thread.execute(() -> run(step));
        } catch (RejectedExecutionException e) {
            if (!lateInputWarned) {
                lateInputWarned = true;
                log.warn("Fusion has stopped: inputs arriving now are not fused");
            }
        }
    }

    /** Schedules an advance at the next deadline unless one is scheduled for then or earlier. */
    private void wakeForNextDeadline() {
        Instant now = Instant.now();
        Optional<Instant> next = fusion.nextDeadline(now);
        if (next.isEmpty() || wakeAt != null && wakeAt.isAfter(now) && !next.get().isBefore(wakeAt)) {
            return;
        }
        Instant at = next.get();
        wakeAt = at;
        long delayMicros = Math.max(0, Duration.between(now, at).toNanos() / 1_000 + 1);
        try {
            thread.schedule(() -> run(() -> {
                if (at.equals(wakeAt)) {
                    wakeAt = null;
                }
                return fusion.advance(Instant.now());
            }), delayMicros, TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** Runs one step of fusion on its thread and delivers what it completed. */
    private void run(Supplier<List<Passage>> step) {
        List<Passage> passages;
        try {
            passages = step.get();
            wakeForNextDeadline();
        } catch (RuntimeException e) {
            log.error("Fusion failed on an input", e);
            return;
        }
        for (Passage p : passages) {
            log.info("Passage {} lane {} plate {} trailer {} flags {}", p.id(), p.lane(), p.plate().isEmpty() ? "-" : p.plate(),
                    p.trailerPlate().isEmpty() ? "-" : p.trailerPlate(), p.flags());
            for (PassageListener l : listeners) {
                try {
                    l.passage(p);
                } catch (RuntimeException e) {
                    log.error("A passage listener failed on passage {}", p.id(), e);
                }
            }
        }
    }
}
