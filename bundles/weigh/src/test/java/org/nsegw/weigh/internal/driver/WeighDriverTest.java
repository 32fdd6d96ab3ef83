package org.nsegw.weigh.internal.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.Verification;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.weigh.internal.codec.Rejection;

class WeighDriverTest {

    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    static final Verification CERT = new Verification("ZJJL-1", LocalDate.of(2027, 6, 30));

    /**
     * A line protocol for driving the driver: {@code R} a reading, {@code M<kg>} a vehicle, {@code X} a checksum
     * error; lines end with a newline, anything unfinished is pending.
     */
    static final class LinePipeline implements Pipeline {
        final boolean polled;
        final StringBuilder pending = new StringBuilder();
        int timeouts;

        LinePipeline(boolean polled) {
            this.polled = polled;
        }

        @Override
        public List<Outcome> feed(byte[] bytes, int offset, int length, Instant now) {
            pending.append(new String(bytes, offset, length, StandardCharsets.US_ASCII));
            List<Outcome> out = new ArrayList<>();
            int nl;
            while ((nl = pending.indexOf("\n")) >= 0) {
                String line = pending.substring(0, nl);
                pending.delete(0, nl + 1);
                if (line.equals("R")) {
                    out.add(new Reading());
                } else if (line.startsWith("M")) {
                    out.add(new Measured(new Measurement(now, 60, List.of(), List.of(), Integer.parseInt(line.substring(1)),
                            Set.of(), line.getBytes(StandardCharsets.US_ASCII))));
                } else {
                    out.add(new Rejected(Rejection.CHECKSUM, "bad", line.length() + 1));
                }
            }
            return out;
        }

        @Override
        public Optional<byte[]> request() {
            return polled ? Optional.of("?".getBytes(StandardCharsets.US_ASCII)) : Optional.empty();
        }

        @Override
        public List<Outcome> timeout(Instant now) {
            timeouts++;
            int n = pending.length();
            pending.setLength(0);
            return n == 0 ? List.of() : List.of(new Rejected(Rejection.TRUNCATED, "cut", n));
        }

        @Override
        public int pending() {
            return pending.length();
        }
    }

    static WeighDriver driver(Pipeline p) {
        return new WeighDriver(new WeighDriver.Settings("wim-L1", "L1", "5", CERT, Duration.ofSeconds(10),
                Duration.ofMillis(500), Duration.ofMillis(300)), p, T0);
    }

    static WeighDriver.Effects send(WeighDriver d, String text, Instant at) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return d.received(b, 0, b.length, at);
    }

    @Test
    void validDataBringsTheDeviceOnlineAndVehiclesBecomeRecords() {
        WeighDriver d = driver(new LinePipeline(false));
        assertThat(d.connected(T0).status()).hasValueSatisfying(s -> {
            assertThat(s.state()).isEqualTo(DeviceState.OFFLINE);
            assertThat(s.reason()).isEqualTo("port open, waiting for data");
        });
        WeighDriver.Effects e = send(d, "R\nM31240\n", T0.plusSeconds(1));
        assertThat(e.status()).hasValueSatisfying(s -> {
            assertThat(s.state()).isEqualTo(DeviceState.ONLINE);
            assertThat(s.lastData()).isEqualTo(T0.plusSeconds(1));
            assertThat(s.counters()).containsEntry("frames", 1L).containsEntry("records", 1L);
        });
        WeighRecord r = e.records().get(0);
        assertThat(r.deviceId()).isEqualTo("wim-L1");
        assertThat(r.lane()).isEqualTo("L1");
        assertThat(r.grossWeightKg()).isEqualTo(31240);
        assertThat(r.accuracyClass()).isEqualTo("5");
        assertThat(r.verification()).isEqualTo(CERT);
        assertThat(r.raw()).asString(StandardCharsets.US_ASCII).isEqualTo("M31240");
    }

    @Test
    void garbageIsCountedAndDoesNotCountAsData() {
        WeighDriver d = driver(new LinePipeline(false));
        d.connected(T0);
        WeighDriver.Effects e = send(d, "X\nX\n", T0.plusSeconds(1));
        assertThat(e.records()).isEmpty();
        assertThat(e.status()).hasValueSatisfying(s -> {
            assertThat(s.state()).isEqualTo(DeviceState.OFFLINE);
            assertThat(s.counters()).containsEntry("rejected.checksum", 2L);
        });
    }

    @Test
    void aSilentDeviceGoesOfflineWithAnAlarmAndComesBackWithData() {
        WeighDriver d = driver(new LinePipeline(false));
        d.connected(T0);
        send(d, "R\n", T0);
        assertThat(d.tick(T0.plusMillis(9_999)).alarms()).isEmpty();
        WeighDriver.Effects silent = d.tick(T0.plusSeconds(10));
        assertThat(silent.alarms()).containsExactly("weigh sensor wim-L1 silent: no data for 10 s");
        assertThat(silent.status()).hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo("no data for 10 s"));
        assertThat(d.tick(T0.plusSeconds(20)).alarms()).as("raised once").isEmpty();
        assertThat(send(d, "R\n", T0.plusSeconds(21)).status())
                .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(DeviceState.ONLINE));
    }

    @Test
    void aVanishedPortIsReportedAndItsPartialFrameCounted() {
        WeighDriver d = driver(new LinePipeline(false));
        d.connected(T0);
        send(d, "R\nM12", T0);
        WeighDriver.Effects lost = d.disconnected("serial port /dev/ttyUSB0 disappeared", T0.plusSeconds(1));
        assertThat(lost.alarms()).containsExactly("weigh sensor wim-L1 lost: serial port /dev/ttyUSB0 disappeared");
        assertThat(lost.status()).hasValueSatisfying(s -> {
            assertThat(s.state()).isEqualTo(DeviceState.OFFLINE);
            assertThat(s.counters()).containsEntry("rejected.truncated", 1L);
        });
        assertThat(d.tick(T0.plusSeconds(30)).alarms()).as("an offline device raises no silence alarm").isEmpty();
    }

    @Test
    void aStalledFrameIsGivenUpAfterTheFrameTimeout() {
        LinePipeline p = new LinePipeline(false);
        WeighDriver d = driver(p);
        d.connected(T0);
        send(d, "M31", T0);
        d.tick(T0.plusMillis(299));
        assertThat(p.timeouts).isZero();
        assertThat(d.tick(T0.plusMillis(300)).status())
                .hasValueSatisfying(s -> assertThat(s.counters()).containsEntry("rejected.truncated", 1L));
        assertThat(p.pending()).isZero();
    }

    @Test
    void aPolledDeviceIsAskedAgainOnlyAfterAnAnswerOrATimeout() {
        LinePipeline p = new LinePipeline(true);
        WeighDriver d = driver(p);
        assertThat(d.connected(T0).writes()).hasSize(1);
        assertThat(d.tick(T0.plusMillis(200)).writes()).as("waiting for the answer").isEmpty();
        send(d, "R\n", T0.plusMillis(250));
        assertThat(d.tick(T0.plusMillis(499)).writes()).as("not before the interval").isEmpty();
        assertThat(d.tick(T0.plusMillis(500)).writes()).hasSize(1);
        // No answer: after the frame timeout the poll counts as timed out, and the next interval asks again.
        WeighDriver.Effects timedOut = d.tick(T0.plusMillis(800));
        assertThat(timedOut.status()).hasValueSatisfying(s -> assertThat(s.counters()).containsEntry("timeouts", 1L));
        assertThat(d.tick(T0.plusMillis(1000)).writes()).hasSize(1);
    }
}
