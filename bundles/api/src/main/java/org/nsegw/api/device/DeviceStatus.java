package org.nsegw.api.device;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One device's state as its component last reported it.
 *
 * @param deviceId the device id from the site file
 * @param kind     the device family
 * @param lane     the lane the device serves, empty when it serves none
 * @param state    online, offline or error
 * @param reason   why the device is in this state, in words an installer can act on; empty when online
 * @param since    when the device entered this state
 * @param lastData when the device last delivered data, or {@code null} if it never has
 * @param counters running totals the component keeps (frames decoded, frames rejected, reads...)
 */
public record DeviceStatus(
        String deviceId,
        DeviceKind kind,
        String lane,
        DeviceState state,
        String reason,
        Instant since,
        Instant lastData,
        Map<String, Long> counters) {

    public DeviceStatus {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        lane = lane == null ? "" : lane;
        reason = reason == null ? "" : reason;
        counters = Map.copyOf(counters == null ? Map.of() : counters);
    }

    /** The status of a device whose component has just started and has not heard from it yet. */
    public static DeviceStatus waiting(String deviceId, DeviceKind kind, String lane, Instant now) {
        return new DeviceStatus(deviceId, kind, lane, DeviceState.OFFLINE, "waiting for first data", now, null, Map.of());
    }

    public Optional<Instant> lastDataTime() {
        return Optional.ofNullable(lastData);
    }

    /** This status moved to {@code newState}; {@code since} only changes when the state does. */
    public DeviceStatus withState(DeviceState newState, String newReason, Instant now) {
        Instant newSince = newState == state ? since : now;
        return new DeviceStatus(deviceId, kind, lane, newState, newReason, newSince, lastData, counters);
    }

    /** Data arrived at {@code now}: the device is online. */
    public DeviceStatus withData(Instant now) {
        Instant newSince = state == DeviceState.ONLINE ? since : now;
        return new DeviceStatus(deviceId, kind, lane, DeviceState.ONLINE, "", newSince, now, counters);
    }

    public DeviceStatus withCounters(Map<String, Long> newCounters) {
        return new DeviceStatus(deviceId, kind, lane, state, reason, since, lastData, newCounters);
    }
}
