package org.nsegw.vision.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a camera's HTTP MJPEG stream open and hands each JPEG to the sink, parsed by {@link MjpegStream}. Reconnects
 * after any failure, waiting 1 s, then twice as long each time up to 30 s (1 s again after a connection that gave
 * frames); a stream silent for longer than the read timeout is dropped and opened again.
 */
public final class MjpegSource implements FrameSource {

    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final HttpCamera camera;
    private final Duration readTimeout;
    private final int maxFrameBytes;
    private final FrameSink sink;
    private final Clock clock;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile HttpURLConnection current;

    public MjpegSource(HttpCamera camera, Duration readTimeout, int maxFrameBytes, FrameSink sink, Clock clock, String name) {
        this.camera = camera;
        this.readTimeout = readTimeout;
        this.maxFrameBytes = maxFrameBytes;
        this.sink = sink;
        this.clock = clock;
        this.thread = new Thread(this::run, "nsegw-vision-mjpeg-" + name);
        this.thread.setDaemon(true);
    }

    @Override
    public void start() {
        thread.start();
    }

    private void run() {
        Duration wait = FIRST_WAIT;
        while (running) {
            boolean gotFrames = false;
            try {
                gotFrames = stream();
                if (running && !gotFrames) {
                    // a stream that gave frames and ended is opened again quietly (some cameras end them every few minutes)
                    sink.problem(SourceProblem.UNREACHABLE, "the MJPEG stream " + camera.uri() + " ended without a frame; opening it again");
                }
            } catch (ConnectException | UnknownHostException e) {
                sink.problem(SourceProblem.UNREACHABLE, "cannot reach " + camera.uri() + ": " + e.getMessage());
            } catch (SocketTimeoutException e) {
                sink.problem(SourceProblem.UNREACHABLE, "the MJPEG stream " + camera.uri() + " gave nothing for "
                        + readTimeout.toSeconds() + " s; opening it again");
            } catch (IOException | RuntimeException e) {
                if (running) {
                    sink.problem(SourceProblem.UNREACHABLE, "the MJPEG stream " + camera.uri() + " failed: " + e);
                }
            }
            wait = gotFrames ? FIRST_WAIT : (wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2));
            try {
                // backoff between connection attempts; stop() counts the latch down to end it at once
                if (stopped.await(gotFrames ? FIRST_WAIT.toMillis() : wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One connection: open, read until it ends. Returns whether it gave any frame. */
    private boolean stream() throws IOException {
        HttpURLConnection c = camera.open(Duration.ofSeconds(10), readTimeout);
        current = c;
        try {
            int status = c.getResponseCode();
            if (status == 401 || status == 403) {
                sink.problem(SourceProblem.AUTH, camera.refusal(status));
                return false;
            }
            if (status != 200) {
                sink.problem(SourceProblem.HTTP, "the camera answered HTTP " + status + " at " + camera.uri());
                return false;
            }
            String type = c.getContentType() == null ? "" : c.getContentType();
            boolean got = false;
            try (InputStream in = c.getInputStream()) {
                byte[] buffer = new byte[65536];
                int n = in.read(buffer);
                if (n < 0) {
                    return false;
                }
                Optional<String> boundary = MjpegStream.boundary(type, buffer, n);
                if (boundary.isEmpty()) {
                    sink.problem(SourceProblem.HTTP, "not an MJPEG stream: Content-Type '" + type + "' at " + camera.uri()
                            + " (multipart/x-mixed-replace with a boundary expected)");
                    return false;
                }
                MjpegStream parser = new MjpegStream(boundary.get(), maxFrameBytes);
                got |= deliver(parser.feed(buffer, 0, n));
                while (running && (n = in.read(buffer)) >= 0) {
                    got |= deliver(parser.feed(buffer, 0, n));
                }
            }
            return got;
        } finally {
            current = null;
            c.disconnect();
        }
    }

    private boolean deliver(List<MjpegStream.Item> items) {
        boolean got = false;
        for (MjpegStream.Item item : items) {
            if (item instanceof MjpegStream.JpegPart j) {
                got = true;
                sink.frame(new Frame(j.bytes(), clock.instant(), camera.uri().toString()));
            } else if (item instanceof MjpegStream.Refused r) {
                sink.problem(r.problem(), r.detail());
            }
        }
        return got;
    }

    @Override
    public void close() {
        running = false;
        stopped.countDown();
        HttpURLConnection c = current;
        if (c != null) {
            c.disconnect();
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
