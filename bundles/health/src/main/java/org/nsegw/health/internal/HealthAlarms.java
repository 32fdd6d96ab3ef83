package org.nsegw.health.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.health.HealthAlarm;
import org.nsegw.health.internal.HealthSnapshot.ClockStatus;
import org.nsegw.health.internal.HealthSnapshot.Expiry;

/**
 * The alarm conditions of a snapshot, and their changes: each condition is raised once when it begins and cleared once
 * when it ends, never repeated while it lasts (a disk at 80 % for a week is one alarm). The disk and the clock offset
 * clear with a margin below their threshold, so a value hovering at the threshold does not flood the platform. A value
 * that could not be read (disk, offset) leaves its condition as it was. Pure: no clock, no I/O.
 */
final class HealthAlarms {

    /** The disk alarm clears this many percentage points below its threshold. */
    static final int DISK_CLEAR_MARGIN = 2;
    /** Alarm events kept for readers that fell behind (the uplink while offline). */
    static final int KEEP = 200;

    /** A condition that holds now. */
    record Condition(String key, String source, String text) {
    }

    /** A condition raised and not cleared, with when. */
    record Active(String key, String source, String text, Instant since) {
    }

    private final Map<String, Active> active = new LinkedHashMap<>();
    private final Deque<HealthAlarm> events = new ArrayDeque<>();
    private long sequence;

    /** Evaluates {@code s} and returns the alarms raised and cleared by it, in order (cleared first). */
    synchronized List<HealthAlarm> evaluate(HealthSnapshot s, HealthSettings settings) {
        Map<String, Condition> now = new LinkedHashMap<>();
        for (Condition c : conditions(s, settings)) {
            now.putIfAbsent(c.key(), c);
        }
        List<HealthAlarm> out = new ArrayList<>();
        for (Active a : List.copyOf(active.values())) {
            if (!now.containsKey(a.key())) {
                active.remove(a.key());
                out.add(event(s.now(), a.source(), a.key(), false, "cleared: " + a.text()));
            }
        }
        for (Condition c : now.values()) {
            if (!active.containsKey(c.key())) {
                active.put(c.key(), new Active(c.key(), c.source(), c.text(), s.now()));
                out.add(event(s.now(), c.source(), c.key(), true, c.text()));
            }
        }
        return out;
    }

    synchronized List<Active> active() {
        return List.copyOf(active.values());
    }

    synchronized List<HealthAlarm> after(long after) {
        return events.stream().filter(e -> e.sequence() > after).toList();
    }

    private HealthAlarm event(Instant time, String source, String key, boolean raised, String text) {
        HealthAlarm e = new HealthAlarm(++sequence, time, source, key, raised, text);
        events.addLast(e);
        while (events.size() > KEEP) {
            events.removeFirst();
        }
        return e;
    }

    /** Every condition that holds in {@code s}; those whose reading is missing hold if they were raised. */
    private List<Condition> conditions(HealthSnapshot s, HealthSettings settings) {
        List<Condition> out = new ArrayList<>();
        if (settings.deviceAlarms()) {
            for (DeviceStatus d : s.devices()) {
                // A device that never delivered data is not silent but not installed or not reachable yet: its status
                // says so; the alarm is for one that worked and stopped (its component's watchdog took it offline).
                if (d.state() != DeviceState.ONLINE && d.lastData() != null) {
                    out.add(new Condition("device:" + d.deviceId(), d.deviceId(), describe(d) + " "
                            + d.state().name().toLowerCase() + " since " + d.since().truncatedTo(ChronoUnit.SECONDS)
                            + ", last data " + d.lastData().truncatedTo(ChronoUnit.SECONDS)
                            + (d.reason().isEmpty() ? "" : ": " + d.reason())));
                }
            }
        }
        if (s.disk() != null) {
            int used = s.disk().usedPercent();
            boolean raised = active.containsKey("disk");
            if (used >= settings.diskAlarmPercent() || raised && used >= settings.diskAlarmPercent() - DISK_CLEAR_MARGIN) {
                out.add(new Condition("disk", "disk", "the data directory's file system (" + s.disk().path() + ") is " + used
                        + " % full, the alarm is at " + settings.diskAlarmPercent() + " %; "
                        + s.disk().usableBytes() / (1024 * 1024) + " MiB left"));
            }
        } else if (active.containsKey("disk")) {
            out.add(keep("disk"));
        }
        ClockStatus clock = s.clock();
        if (clock != null) {
            if (settings.alarmUnsynchronized() && ClockStatus.UNSYNCHRONIZED.equals(clock.state())) {
                out.add(new Condition("clock.unsynchronized", "clock", "the system clock is not synchronised (" + clock.source()
                        + ": " + clock.detail() + "); case times may be wrong"));
            }
            if (clock.offsetMs() != null) {
                double off = Math.abs(clock.offsetMs());
                boolean raised = active.containsKey("clock.offset");
                if (off > settings.maxClockOffsetMs() || raised && off > settings.maxClockOffsetMs() / 2.0) {
                    out.add(new Condition("clock.offset", "clock", String.format(java.util.Locale.ROOT,
                            "the system clock is %.1f ms off its time source (%s), more than the %d ms allowed", off,
                            clock.source(), settings.maxClockOffsetMs())));
                }
            } else if (active.containsKey("clock.offset")) {
                out.add(keep("clock.offset"));
            }
        }
        for (Expiry e : s.certificates()) {
            long days = ChronoUnit.DAYS.between(s.today(), e.expires());
            boolean verification = "verification".equals(e.kind());
            int warn = verification ? settings.verificationWarnDays() : settings.tlsWarnDays();
            if (days > warn) {
                continue;
            }
            String what = verification ? "the verification (检定) certificate " + e.certificate() + " of " + e.id()
                    : "the " + e.id() + "'s TLS certificate (" + e.certificate() + ")";
            String text = days < 0 ? what + " expired on " + e.expires() : what + " expires on " + e.expires()
                    + (days == 0 ? " (today)" : " (in " + days + (days == 1 ? " day)" : " days)"));
            if (verification) {
                text += days < 0 ? "; no overweight case is filed from this device" : "; renew it in time";
            }
            out.add(new Condition("certificate:" + e.kind() + ":" + e.id(), "certificate", text));
        }
        return out;
    }

    private Condition keep(String key) {
        Active a = active.get(key);
        return new Condition(a.key(), a.source(), a.text());
    }

    static String describe(DeviceStatus d) {
        String kind = switch (d.kind()) {
            case WEIGH_SENSOR -> "weigh sensor";
            case ANPR_CAMERA -> "ANPR camera";
            case SITE_CAMERA -> "site camera";
        };
        return kind + " " + d.deviceId() + (d.lane().isEmpty() ? "" : " (lane " + d.lane() + ")");
    }
}
