package org.nsegw.health.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.nsegw.api.device.DeviceStatus;

/**
 * What the health report and the alarms are made of, read at one moment. Plain values: the alarms and the report are
 * pure functions of it (tested with fixed times).
 *
 * @param outbox null when the gateway has no outbox (yet)
 * @param disk   null when the data directory's file system could not be read
 */
record HealthSnapshot(Instant now, LocalDate today, List<DeviceStatus> devices, OutboxHealth outbox, DiskUse disk,
        ClockStatus clock, List<Expiry> certificates, Versions versions) {

    HealthSnapshot {
        devices = List.copyOf(devices);
        certificates = List.copyOf(certificates);
    }

    /**
     * @param oldestCaseId the oldest violation or review case not acknowledged by the platform; null when none
     * @param oldestStored when the outbox took it
     */
    record OutboxHealth(long pending, long unacknowledgedCases, String oldestCaseId, Instant oldestStored) {
    }

    /** The data directory's file system, as {@code df} counts it (space reserved for root is not usable). */
    record DiskUse(String path, long totalBytes, long freeBytes, long usableBytes) {

        /** Used space in percent of what the gateway's user could have, rounded up, as {@code df} shows it. */
        int usedPercent() {
            long used = totalBytes - freeBytes;
            long base = used + usableBytes;
            return base <= 0 ? 0 : (int) ((used * 100 + base - 1) / base);
        }
    }

    /**
     * The system clock as its time service reports it.
     *
     * @param state    {@code synchronized}, {@code unsynchronized} or {@code unknown}
     * @param source   who said so: {@code chrony}, {@code timedatectl}, or {@code none}
     * @param offsetMs how far the clock is from its time source (absolute, ms); null when not known
     * @param detail   what the source said, or why nothing is known
     */
    record ClockStatus(String state, String source, Double offsetMs, String detail) {
        static final String SYNCHRONIZED = "synchronized";
        static final String UNSYNCHRONIZED = "unsynchronized";
        static final String UNKNOWN = "unknown";
    }

    /**
     * A certificate whose expiry matters.
     *
     * @param kind        {@code verification} (a weigh sensor's 检定 certificate) or {@code tls}
     * @param id          the device id, or {@code uplink} / {@code console}
     * @param certificate the certificate number, or the TLS certificate's subject
     * @param expires     the last day it is valid (TLS: the day of its notAfter, in the gateway's time zone)
     */
    record Expiry(String kind, String id, String certificate, LocalDate expires) {
    }

    /**
     * @param gateway   the gateway's version (its bundles')
     * @param framework the OSGi framework, {@code name version}
     * @param differing gateway bundles whose version is not the gateway's, by symbolic name
     */
    record Versions(String gateway, String java, String framework, Map<String, String> differing) {
        Versions {
            differing = Map.copyOf(differing);
        }
    }
}
