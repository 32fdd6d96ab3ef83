package org.nsegw.vision.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.evidence.MediaRef;

class EventImagesTest {

    static PlateRead read(String camera, List<MediaRef> images, Instant time) {
        return new PlateRead(camera, "EXIT", CameraPosition.GATE, time, "浙A3K725", "浙A3K725", PlateKind.NORMAL, PlateColor.YELLOW, 90, "e1",
                images, time, time, Set.of(), List.of());
    }

    static MediaRef ref(String role, String path, byte[] bytes) throws Exception {
        return new MediaRef(role, path, "image/jpeg", bytes.length,
                HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void theScenePictureOfTheConfiguredCamerasReadsIsAFrame(@TempDir Path data) throws Exception {
        byte[] plate = MjpegStreamTest.jpeg(100, 1);
        byte[] scene = MjpegStreamTest.jpeg(900, 2);
        Files.createDirectories(data.resolve("media/anpr/anpr-gate"));
        Files.write(data.resolve("media/anpr/anpr-gate/01-plate.jpg"), plate);
        Files.write(data.resolve("media/anpr/anpr-gate/02-scene.jpg"), scene);
        RecordingSink sink = new RecordingSink();
        EventImages images = new EventImages("anpr-gate", data, 100_000, sink);
        Instant t = Instant.parse("2026-05-01T08:00:00Z");
        images.read(read("anpr-gate", List.of(ref("plate", "media/anpr/anpr-gate/01-plate.jpg", plate),
                ref("scene", "media/anpr/anpr-gate/02-scene.jpg", scene)), t));
        images.read(read("anpr-other", List.of(ref("scene", "media/anpr/anpr-gate/02-scene.jpg", scene)), t));
        assertThat(sink.frames).hasSize(1);
        assertThat(sink.frames.get(0).jpeg()).isEqualTo(scene);
        assertThat(sink.frames.get(0).time()).isEqualTo(t);
        images.read(read("anpr-gate", List.of(), t));
        images.read(read("anpr-gate", List.of(ref("scene", "media/anpr/anpr-gate/gone.jpg", scene)), t));
        assertThat(sink.problems).extracting(RecordingSink.Problem::problem).containsExactly(SourceProblem.NOT_JPEG, SourceProblem.UNREACHABLE);
    }
}
