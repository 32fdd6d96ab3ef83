package org.nsegw.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.emulator.camera.scene.CameraGeometry;
import org.nsegw.emulator.camera.scene.ConditionMix;
import org.nsegw.emulator.camera.scene.SceneRenderer;
import org.nsegw.emulator.camera.scene.SceneSpec;
import org.nsegw.vision.internal.detect.Detection;
import org.nsegw.vision.internal.detect.ExitDetectors;
import org.nsegw.vision.internal.detect.JpegFrames;
import org.nsegw.vision.internal.detect.Regions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Site-exit frames per second on one core: the camera's JPEG decoded by OpenCV and run through the three detectors,
 * as the gateway does with every frame it analyses (decoded at the analysis size, and, for comparison, at full size). 16 rendered scenes per size (all lights, rain, shadows, trucks or
 * none) are cycled through. OpenCV is held to one thread, so the score is per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VisionBenchmark {

    @Param({"640x360", "1280x720"})
    public String size;

    List<byte[]> jpegs;
    Regions regions;
    ExitDetectors detectors;
    int next;

    @Setup
    public void setUp() {
        nu.pattern.OpenCV.loadLocally();
        Core.setNumThreads(1);
        String[] wh = size.split("x");
        jpegs = new ArrayList<>();
        for (long seed = 1; seed <= 16; seed++) {
            jpegs.add(SceneRenderer.render(SceneSpec.random(seed, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), ConditionMix.DEFAULT)).jpeg());
        }
        regions = Regions.parse(Map.of(
                "wheelZone", CameraGeometry.siteForm(CameraGeometry.WHEEL_ZONE),
                "bodyZone", CameraGeometry.siteForm(CameraGeometry.BODY_ZONE),
                "roadZone", CameraGeometry.siteForm(CameraGeometry.ROAD_ZONE),
                "washArea", CameraGeometry.siteForm(CameraGeometry.WASH_AREA)));
        detectors = new ExitDetectors();
    }

    /** One frame as the gateway should take it: decoded at the analysis size (half size for 1280x720), then detected. */
    @Benchmark
    public double decodeAndDetect() {
        Mat frame = JpegFrames.decodeForAnalysis(jpegs.get(next++ & 15), ExitDetectors.ANALYSIS_WIDTH).orElseThrow();
        try {
            List<Detection> d = detectors.analyze(frame, regions, null);
            return d.get(0).confidence() + d.get(1).confidence() + d.get(2).confidence();
        } finally {
            frame.release();
        }
    }

    /** One frame decoded at its full size, then detected (the detectors scale it down themselves). */
    @Benchmark
    public double fullDecodeAndDetect() {
        MatOfByte bytes = new MatOfByte(jpegs.get(next++ & 15));
        Mat frame = Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
        try {
            List<Detection> d = detectors.analyze(frame, regions, null);
            return d.get(0).confidence() + d.get(1).confidence() + d.get(2).confidence();
        } finally {
            frame.release();
            bytes.release();
        }
    }

    /** The full-size JPEG decode alone, for comparison. */
    @Benchmark
    public int decodeOnly() {
        MatOfByte bytes = new MatOfByte(jpegs.get(next++ & 15));
        Mat frame = Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
        int cols = frame.cols();
        frame.release();
        bytes.release();
        return cols + ObservationKind.values().length;
    }
}
