package org.nsegw.vision.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Replays a directory of JPEG images ({@code *.jpg}, {@code *.jpeg}) as if a camera took them, one per interval in
 * the order of their names, each stamped with the time it is played. Files that appear later with names after the
 * last one played are played too, so an emulator or a test can drop frames into the folder.
 */
public final class DirectorySource implements FrameSource {

    private final Path dir;
    private final Duration interval;
    private final int maxBytes;
    private final FrameSink sink;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private String last = "";

    public DirectorySource(Path dir, Duration interval, int maxBytes, FrameSink sink, Clock clock, String name) {
        this.dir = dir;
        this.interval = interval;
        this.maxBytes = maxBytes;
        this.sink = sink;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsegw-vision-replay-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start() {
        thread.scheduleWithFixedDelay(this::next, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Plays the next image, if there is one. */
    void next() {
        if (!Files.isDirectory(dir)) {
            sink.problem(SourceProblem.UNREACHABLE, "the image directory " + dir + " does not exist");
            return;
        }
        Optional<Path> next;
        try (Stream<Path> files = Files.list(dir)) {
            next = files.filter(DirectorySource::isImage).filter(p -> p.getFileName().toString().compareTo(last) > 0)
                    .min(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            sink.problem(SourceProblem.UNREACHABLE, "the image directory " + dir + " cannot be listed: " + e.getMessage());
            return;
        }
        if (next.isEmpty()) {
            return; // nothing new: the silence watchdog tells when this lasts
        }
        Path file = next.get();
        last = file.getFileName().toString();
        try {
            if (Files.size(file) > maxBytes) {
                sink.problem(SourceProblem.OVERSIZED, file.getFileName() + " has " + Files.size(file) + " bytes; the limit is " + maxBytes);
                return;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = SnapshotSource.readBounded(in, maxBytes);
            }
            if (bytes == null) {
                sink.problem(SourceProblem.OVERSIZED, file.getFileName() + " grew past the limit of " + maxBytes + " bytes");
                return;
            }
            Optional<String> problem = Jpeg.problem(bytes);
            if (problem.isPresent()) {
                sink.problem(SourceProblem.NOT_JPEG, file.getFileName() + ": " + problem.get());
                return;
            }
            sink.frame(new Frame(bytes, clock.instant(), file.getFileName().toString()));
        } catch (IOException e) {
            sink.problem(SourceProblem.UNREACHABLE, file + " cannot be read: " + e.getMessage());
        }
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".jpg") || name.endsWith(".jpeg")) && !name.startsWith(".") && Files.isRegularFile(p);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
