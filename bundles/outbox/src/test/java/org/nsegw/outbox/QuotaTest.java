package org.nsegw.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A quota of 10,000 bytes, a retention of one day and the alarm at 80 %. */
class QuotaTest extends OutboxFixture {

    final List<Usage> alarms = new ArrayList<>();

    @Override
    OutboxSettings settings() {
        return new OutboxSettings(10_000, Duration.ofDays(1), 80);
    }

    @Test
    void casesAreStoredOverTheQuotaAndNonCaseDataIsRefused() throws IOException {
        for (int i = 1; i <= 12; i++) {
            put("V" + i, i % 2 == 0 ? Priority.VIOLATION : Priority.REVIEW);
        }
        assertThat(outbox.usage()).isEqualTo(new Usage(12_000, 10_000, 120, 12, 12));

        for (Priority p : List.of(Priority.COMPLIANT, Priority.TELEMETRY)) {
            assertThatThrownBy(() -> put("N1", p)).isInstanceOf(OutboxFullException.class)
                    .hasMessageStartingWith("outbox full: refusing " + p.name().toLowerCase() + " N1 (1000 bytes): 12000 of 10000 bytes (120 %)"
                            + " are taken by 12 packets the platform has not acknowledged (12 of them cases, which are never dropped)")
                    .hasMessageContaining("Restore the uplink");
        }
        assertThat(outbox.head().sequence()).isEqualTo(12);
        assertThat(outbox.find("N1")).isEmpty();
        assertThat(dir.resolve("packets/N1.zip")).doesNotExist();
        put("V13", Priority.VIOLATION);
        assertThat(outbox.head().sequence()).isEqualTo(13);
    }

    @Test
    void roomIsMadeFromAcknowledgedPacketsThenFromImagesOfNonCaseData() throws IOException {
        put("A", Priority.VIOLATION, 3000);
        put("B", Priority.COMPLIANT, 1000, 2000);
        put("C", Priority.VIOLATION, 3000);
        outbox.acknowledge("A");
        clock.advance(Duration.ofHours(12));
        outbox.acknowledge("C");
        clock.advance(Duration.ofHours(12));
        assertThat(outbox.usage().usedBytes()).isEqualTo(9000);

        // 1. acknowledged past the retention: A, which is enough
        put("D", Priority.COMPLIANT, 3000);
        assertThat(outbox.find("A")).isEmpty();
        assertThat(outbox.find("C")).isPresent();
        assertThat(outbox.usage().usedBytes()).isEqualTo(9000);

        // 2. acknowledged within the retention, the longest acknowledged first: C
        put("E", Priority.TELEMETRY, 4000);
        assertThat(outbox.find("C")).isEmpty();
        assertThat(outbox.images("B")).contains(dir.resolve("packets/B.media.zip"));
        assertThat(outbox.usage().usedBytes()).isEqualTo(10_000);

        // 3. the images of an unacknowledged compliant record: the signed packet stays
        put("F", Priority.COMPLIANT, 2000);
        assertThat(outbox.images("B")).isEmpty();
        assertThat(outbox.imagesShed("B")).contains(clock.instant());
        assertThat(dir.resolve("packets/B.media.zip")).doesNotExist();
        assertThat(outbox.find("B").orElseThrow().packet()).isRegularFile();
        assertThat(outbox.usage().usedBytes()).isEqualTo(10_000);

        // 4. nothing left to give up
        assertThatThrownBy(() -> put("G", Priority.COMPLIANT)).isInstanceOf(OutboxFullException.class);
        put("H", Priority.VIOLATION);
        assertThat(outbox.next(10)).extracting(Item::caseId).containsExactly("H", "B", "D", "F", "E");
        assertThat(outbox.verify().intact()).isTrue();
    }

    @Test
    void imagesAreNotShedForARecordThatIsRefusedAllTheSame() throws IOException {
        put("B", Priority.COMPLIANT, 1000, 2000);
        put("V", Priority.VIOLATION, 7000);

        assertThatThrownBy(() -> put("C", Priority.COMPLIANT, 2001)).isInstanceOf(OutboxFullException.class);
        assertThat(outbox.images("B")).isPresent();

        put("C", Priority.COMPLIANT, 2000);
        assertThat(outbox.images("B")).isEmpty();
        assertThat(outbox.usage().usedBytes()).isEqualTo(10_000);
    }

    @Test
    void aCaseOverTheQuotaStillShedsImages() throws IOException {
        put("B", Priority.COMPLIANT, 1000, 2000);
        put("V1", Priority.VIOLATION, 9000);
        assertThat(outbox.images("B")).isEmpty();
        assertThat(outbox.usage().usedBytes()).isEqualTo(10_000);
        put("V2", Priority.REVIEW, 5000);
        assertThat(outbox.usage().percent()).isEqualTo(150);
    }

    @Test
    void imagesThatDoNotFitAreShedOnArrival() throws IOException {
        put("A", Priority.COMPLIANT, 2000, 9000);
        assertThat(outbox.images("A")).isEmpty();
        assertThat(outbox.imagesShed("A")).contains(T0);
        assertThat(outbox.usage().usedBytes()).isEqualTo(2000);
        try (var files = Files.list(dir.resolve("packets"))) {
            assertThat(files).containsExactly(dir.resolve("packets/A.zip"));
        }

        put("B", Priority.COMPLIANT, 2000, 3000);
        assertThat(outbox.images("B")).contains(dir.resolve("packets/B.media.zip"));
        assertThat(Files.readAllBytes(dir.resolve("packets/B.media.zip"))).isEqualTo(bytes(3000, -2));
        assertThat(outbox.imagesShed("B")).isEmpty();
        assertThat(outbox.usage().usedBytes()).isEqualTo(7000);
    }

    @Test
    void theAlarmSoundsOnceEachTimeTheUsageReachesItsPercentage() throws IOException {
        outbox.onAlarm(alarms::add);
        for (int i = 1; i <= 7; i++) {
            put("V" + i, Priority.VIOLATION);
        }
        assertThat(alarms).isEmpty();
        assertThat(outbox.alarming()).isFalse();

        put("V8", Priority.VIOLATION);
        assertThat(alarms).containsExactly(new Usage(8000, 10_000, 80, 8, 8));
        assertThat(outbox.alarming()).isTrue();
        put("V9", Priority.VIOLATION);
        assertThat(alarms).hasSize(1);

        for (int i = 1; i <= 3; i++) {
            outbox.acknowledge("V" + i);
        }
        clock.advance(Duration.ofDays(1));
        assertThat(outbox.purge()).isEqualTo(3);
        assertThat(outbox.alarming()).isFalse();
        put("V10", Priority.VIOLATION);
        put("V11", Priority.VIOLATION);
        assertThat(alarms).hasSize(2);
        assertThat(alarms.get(1).percent()).isEqualTo(80);
    }

    @Test
    void anOutboxOpenedAboveItsAlarmIsAlarming() throws IOException {
        for (int i = 1; i <= 9; i++) {
            put("V" + i, Priority.VIOLATION);
        }
        reopen();
        assertThat(outbox.alarming()).isTrue();
        assertThat(outbox.usage().percent()).isEqualTo(90);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new OutboxSettings(0, Duration.ofDays(1), 80)).hasMessageContaining("quota must be more than 0");
        assertThatThrownBy(() -> new OutboxSettings(1, Duration.ofDays(-1), 80)).hasMessageContaining("retention cannot be negative");
        assertThatThrownBy(() -> new OutboxSettings(1, Duration.ofDays(1), 0)).hasMessageContaining("between 1 and 100");
        assertThat(OutboxSettings.defaults()).isEqualTo(new OutboxSettings(10L << 30, Duration.ofDays(30), 80));
    }
}
