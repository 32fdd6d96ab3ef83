package org.nsegw.vision.internal.pipeline;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.vision.Observation;
import org.nsegw.vision.internal.camera.VisionHealth;
import org.nsegw.vision.internal.source.Frame;
import org.nsegw.vision.internal.source.FrameSink;
import org.nsegw.vision.internal.source.SourceProblem;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * One camera's frames from its source to its observations, on one thread of its own: each JPEG is decoded and checked
 * (a corrupt JPEG or a frame of the wrong size is counted, alarmed once and skipped), watched for trucks
 * ({@link ExitWatch}), and every exit with findings becomes durable evidence ({@link ExitEvidence}) before its
 * observations go to the listeners. Frames that come while the thread is still busy wait in a short queue; beyond it
 * they are dropped and counted, never held without bound. Nothing a camera sends ends the thread.
 */
public final class CameraPipeline implements FrameSink, AutoCloseable {

    /** What the pipeline reports outward. */
    public interface Outlet {
        void observed(Observation observation);

        void status(DeviceStatus status);

        void alarm(String text);

        void error(String text, Throwable e);
    }

    private final int width;
    private final int height;
    private final VisionHealth health;
    private final Outlet outlet;
    private final Clock clock;
    private final ThreadPoolExecutor thread;
    private volatile ExitWatch watch;
    private volatile ExitEvidence evidence;
    /** The latest frame that decoded and had the configured size (for the installer console), or null. */
    private volatile org.nsegw.api.vision.CameraView.Snapshot latest;
    /** Set when the camera stops: a source thread still finishing its last attempt reports nothing more. */
    private volatile boolean closed;

    /**
     * @param width  the width every frame must have, 0 for any
     * @param height the height every frame must have, 0 for any
     * @param queue  frames that may wait while one is analysed or evidence is written
     */
    public CameraPipeline(String name, int width, int height, VisionHealth health, Outlet outlet, Clock clock, int queue) {
        this.width = width;
        this.height = height;
        this.health = health;
        this.outlet = outlet;
        this.clock = clock;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "nsegw-vision-" + name);
            t.setDaemon(true);
            return t;
        }, (r, executor) -> {
            if (!executor.isShutdown()) {
                synchronized (health) {
                    health.dropped();
                }
            }
        });
    }

    /** Runs a task on the pipeline's thread (e.g. loading OpenCV and building the watch), before any frame. */
    public void run(Runnable task) {
        thread.execute(task);
    }

    /** Frames are analysed from now on (set from the pipeline's thread, or before the source starts). */
    public void ready(ExitWatch watch, ExitEvidence evidence) {
        this.evidence = evidence;
        this.watch = watch;
    }

    @Override
    public void frame(Frame frame) {
        try {
            thread.execute(() -> process(frame));
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    @Override
    public void problem(SourceProblem problem, String detail) {
        if (closed) {
            return;
        }
        Optional<String> alarm;
        DeviceStatus status;
        synchronized (health) {
            alarm = health.problem(problem, detail, clock.instant());
            status = health.status();
        }
        outlet.status(status);
        alarm.ifPresent(outlet::alarm);
    }

    /** Time passes: the silence watchdog. */
    public void tick() {
        Optional<String> alarm;
        DeviceStatus status;
        synchronized (health) {
            alarm = health.tick(clock.instant());
            status = health.status();
        }
        if (alarm.isPresent()) {
            outlet.status(status);
            outlet.alarm(alarm.get());
        }
    }

    /** The camera cannot work: error with the reason. */
    public void broken(String detail) {
        Optional<String> alarm;
        synchronized (health) {
            alarm = health.broken(detail, clock.instant());
        }
        status();
        alarm.ifPresent(outlet::alarm);
    }

    public DeviceStatus status() {
        DeviceStatus s;
        synchronized (health) {
            s = health.status();
        }
        outlet.status(s);
        return s;
    }

    private void process(Frame frame) {
        ExitWatch w = watch;
        if (w == null) {
            return; // not ready (OpenCV failed to load, or a configuration error): the status says why
        }
        Mat bgr = Imgcodecs.imdecode(new MatOfByte(frame.jpeg()), Imgcodecs.IMREAD_COLOR);
        try {
            if (bgr.empty()) {
                problem(SourceProblem.CORRUPT, frame.origin() + ": " + frame.jpeg().length + " bytes that do not decode as a JPEG");
                return;
            }
            if (width > 0 && height > 0 && (bgr.cols() != width || bgr.rows() != height)) {
                problem(SourceProblem.WRONG_RESOLUTION, frame.origin() + " is " + bgr.cols() + "×" + bgr.rows() + ", the camera is set to "
                        + width + "×" + height + " (frame.width, frame.height in the site file; the regions and the clean road reference "
                        + "are for that size)");
                return;
            }
            latest = new org.nsegw.api.vision.CameraView.Snapshot(frame.jpeg(), frame.time(), bgr.cols(), bgr.rows());
            DeviceStatus status;
            synchronized (health) {
                health.frame(clock.instant());
                status = health.status();
            }
            outlet.status(status);
            Optional<Capture> capture = w.frame(new Shot(frame.jpeg(), frame.time()), bgr);
            if (capture.isPresent()) {
                publish(capture.get());
            }
        } catch (RuntimeException e) {
            outlet.error("site camera: a frame could not be analysed (" + frame + ")", e);
        } finally {
            bgr.release();
        }
    }

    private void publish(Capture capture) {
        synchronized (health) {
            health.exit();
        }
        List<Observation> observations;
        try {
            observations = evidence.write(capture);
        } catch (IOException | RuntimeException e) {
            Optional<String> alarm;
            synchronized (health) {
                alarm = health.evidenceFailed(e.getMessage() == null ? e.toString() : e.getMessage(), Instant.now(clock));
            }
            status();
            alarm.ifPresent(outlet::alarm);
            return;
        }
        for (Observation o : observations) {
            synchronized (health) {
                health.observation(o.kind().name());
            }
            outlet.observed(o);
        }
        status();
    }

    /** The latest frame that decoded and had the configured size; empty before the first. */
    public Optional<org.nsegw.api.vision.CameraView.Snapshot> latest() {
        return Optional.ofNullable(latest);
    }

    /** Stops the thread; frames waiting are dropped. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
