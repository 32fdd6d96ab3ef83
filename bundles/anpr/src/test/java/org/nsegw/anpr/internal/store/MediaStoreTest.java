package org.nsegw.anpr.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.anpr.internal.event.Picture;
import org.nsegw.api.evidence.MediaRef;

class MediaStoreTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};

    @TempDir
    Path data;

    @Test
    void aReadIsStoredWholeWithItsDigestsAndFoundAgain() throws Exception {
        MediaStore store = new MediaStore(data);
        assertThat(store.has("anpr-L1-front", DAY, "uuid-1")).isFalse();
        List<MediaRef> refs = store.store("anpr-L1-front", DAY, "uuid-1",
                List.of(new Picture("licensePlatePicture.jpg", "plate", JPEG), new Picture("detectionPicture.jpg", "scene", JPEG)),
                "{\"plate\":\"浙A12345\"}");
        assertThat(refs).extracting(MediaRef::path).containsExactly(
                "media/anpr/anpr-L1-front/2026-11-23/uuid-1/01-plate.jpg", "media/anpr/anpr-L1-front/2026-11-23/uuid-1/02-scene.jpg");
        assertThat(refs.get(0).sha256()).isEqualTo(MediaStore.sha256(JPEG));
        assertThat(refs.get(0).size()).isEqualTo(JPEG.length);
        assertThat(Files.readAllBytes(data.resolve(refs.get(1).path()))).isEqualTo(JPEG);
        assertThat(Files.readString(store.folder("anpr-L1-front", DAY, "uuid-1").resolve(MediaStore.READ_FILE))).contains("浙A12345");
        assertThat(store.has("anpr-L1-front", DAY, "uuid-1")).isTrue();
        try (var files = Files.list(data.resolve("media/anpr/anpr-L1-front/2026-11-23"))) {
            assertThat(files).as("no temporary folder left").hasSize(1);
        }
    }

    @Test
    void theSameEventTwiceIsRefusedAsADuplicate() throws Exception {
        MediaStore store = new MediaStore(data);
        store.store("cam", DAY, "e1", List.of(), "{}");
        assertThatThrownBy(() -> store.store("cam", DAY, "e1", List.of(), "{}")).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void idsThatAreNotFileNamesCannotEscapeTheFolder() {
        MediaStore store = new MediaStore(data);
        Path p = store.folder("cam", DAY, "../../etc/passwd");
        assertThat(p.normalize().startsWith(data.resolve("media/anpr/cam/2026-11-23"))).isTrue();
        assertThat(p.getFileName().toString()).doesNotContain("/");
        assertThat(MediaStore.safe("a/b")).isNotEqualTo(MediaStore.safe("a_b")).startsWith("a_b-");
        assertThat(MediaStore.safe("..")).doesNotStartWith(".");
        assertThat(MediaStore.safe("7a3e-41cc.9")).isEqualTo("7a3e-41cc.9");
    }

    @Test
    void leftoversOfACrashAreRemovedAtStart() throws Exception {
        Path leftover = data.resolve("media/anpr/cam/2026-11-23/.tmp-123");
        Files.createDirectories(leftover);
        Files.write(leftover.resolve("01-plate.jpg"), JPEG);
        Path others = data.resolve("media/anpr/other/2026-11-23/.tmp-456");
        Files.createDirectories(others);
        assertThat(new MediaStore(data).cleanUp("cam")).isEqualTo(1);
        assertThat(leftover).doesNotExist();
        assertThat(others).as("another camera may be storing right now").exists();
    }
}
