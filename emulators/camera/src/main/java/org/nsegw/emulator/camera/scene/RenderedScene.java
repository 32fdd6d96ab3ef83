package org.nsegw.emulator.camera.scene;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A rendered scene.
 *
 * @param image the drawing before JPEG compression (with light, rain and noise)
 * @param jpeg  what the camera sends: the image compressed at the condition's quality
 * @param label the truth
 */
public record RenderedScene(BufferedImage image, byte[] jpeg, Label label) {

    public RenderedScene {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(jpeg, "jpeg");
        Objects.requireNonNull(label, "label");
    }

    /** Writes {@code DIR/NAME.jpg} and its label {@code DIR/NAME.json}; returns the image's path. */
    public Path write(Path dir, String name) throws IOException {
        Path jpg = dir.resolve(name + ".jpg");
        Files.write(jpg, jpeg);
        label.withImage(name + ".jpg").write(dir.resolve(name + ".json"));
        return jpg;
    }
}
