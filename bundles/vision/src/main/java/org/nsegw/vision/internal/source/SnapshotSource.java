package org.nsegw.vision.internal.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls a camera's JPEG snapshot endpoint (e.g. ISAPI {@code /ISAPI/Streaming/channels/101/picture}) every interval.
 * Each answer is one frame or one problem for the sink: unreachable, account refused, another HTTP status, not a
 * JPEG, too large (refused by its Content-Length before reading, or once the limit is passed).
 */
public final class SnapshotSource implements FrameSource {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final HttpCamera camera;
    private final Duration interval;
    private final int maxBytes;
    private final FrameSink sink;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    public SnapshotSource(HttpCamera camera, Duration interval, int maxBytes, FrameSink sink, Clock clock, String name) {
        this.camera = camera;
        this.interval = interval;
        this.maxBytes = maxBytes;
        this.sink = sink;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nsegw-vision-snapshot-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start() {
        thread.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One snapshot. */
    void poll() {
        HttpURLConnection c = null;
        try {
            // a camera on the site's network answers a connection within a second or two; the picture may take longer
            Duration read = interval.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : interval;
            c = camera.open(CONNECT_TIMEOUT, read);
            int status = c.getResponseCode();
            if (status == 401 || status == 403) {
                sink.problem(SourceProblem.AUTH, camera.refusal(status));
                return;
            }
            if (status != 200) {
                sink.problem(SourceProblem.HTTP, "the camera answered HTTP " + status + " at " + camera.uri());
                return;
            }
            long declared = c.getContentLengthLong();
            if (declared > maxBytes) {
                sink.problem(SourceProblem.OVERSIZED, "a snapshot of " + declared + " bytes; the limit is " + maxBytes);
                return;
            }
            byte[] body;
            try (InputStream in = c.getInputStream()) {
                body = readBounded(in, maxBytes);
            }
            if (body == null) {
                sink.problem(SourceProblem.OVERSIZED, "a snapshot longer than the limit of " + maxBytes + " bytes");
                return;
            }
            var problem = Jpeg.problem(body);
            if (problem.isPresent()) {
                sink.problem(SourceProblem.NOT_JPEG, problem.get() + " (Content-Type " + c.getContentType() + ")");
                return;
            }
            sink.frame(new Frame(body, clock.instant(), camera.uri().toString()));
        } catch (ConnectException | UnknownHostException | SocketTimeoutException e) {
            sink.problem(SourceProblem.UNREACHABLE, "cannot reach " + camera.uri() + ": " + e.getMessage());
        } catch (IOException e) {
            sink.problem(SourceProblem.UNREACHABLE, "snapshot from " + camera.uri() + " failed: " + e);
        } catch (RuntimeException e) {
            sink.problem(SourceProblem.HTTP, "snapshot from " + camera.uri() + " failed: " + e);
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    /** The stream's bytes, or {@code null} when there are more than {@code max}. */
    static byte[] readBounded(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 256 * 1024));
        byte[] buffer = new byte[16384];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            // a poll blocked in connect ends within CONNECT_TIMEOUT; the sink ignores what it reports after the stop
            thread.awaitTermination(CONNECT_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
