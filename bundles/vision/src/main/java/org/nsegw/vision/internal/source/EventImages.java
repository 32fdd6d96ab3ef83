package org.nsegw.vision.internal.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.evidence.MediaRef;

/**
 * Frames from the images attached to a gate ANPR camera's events: the ANPR bundle has already stored them durably
 * (the {@link PlateRead}'s {@link MediaRef}s, relative to the data directory), so this reads the scene picture of
 * each read of the configured camera. Not a thread: the site camera hands it the reads it hears of.
 */
public final class EventImages {

    private final String eventCamera;
    private final Path dataDir;
    private final int maxBytes;
    private final FrameSink sink;

    /**
     * @param eventCamera the id of the ANPR camera whose reads bring the images
     * @param dataDir     the data directory the reads' media paths are relative to
     */
    public EventImages(String eventCamera, Path dataDir, int maxBytes, FrameSink sink) {
        this.eventCamera = eventCamera;
        this.dataDir = dataDir;
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    /** Whether a read is one of the configured camera's. */
    public boolean isOurs(PlateRead read) {
        return read.cameraId().equals(eventCamera);
    }

    /** Hands the scene picture of a read (or, without one, its first picture) to the sink as a frame. */
    public void read(PlateRead read) {
        if (!isOurs(read)) {
            return;
        }
        List<MediaRef> images = read.images();
        Optional<MediaRef> picture = images.stream().filter(m -> m.role().equals("scene")).findFirst()
                .or(() -> images.stream().filter(m -> m.mediaType().equals("image/jpeg")).findFirst());
        if (picture.isEmpty()) {
            sink.problem(SourceProblem.NOT_JPEG, "the read " + read.eventId() + " of " + eventCamera + " has no picture");
            return;
        }
        MediaRef ref = picture.get();
        if (ref.size() > maxBytes) {
            sink.problem(SourceProblem.OVERSIZED, "the picture of read " + read.eventId() + " has " + ref.size() + " bytes; the limit is " + maxBytes);
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dataDir.resolve(ref.path()));
        } catch (IOException e) {
            sink.problem(SourceProblem.UNREACHABLE, "the picture " + ref.path() + " of read " + read.eventId() + " cannot be read: " + e);
            return;
        }
        Optional<String> problem = Jpeg.problem(bytes);
        if (problem.isPresent()) {
            sink.problem(SourceProblem.NOT_JPEG, ref.path() + ": " + problem.get());
            return;
        }
        sink.frame(new Frame(bytes, read.time(), eventCamera + "/" + read.eventId()));
    }
}
