package org.nsegw.vision.internal.detect;

import java.util.Map;
import org.nsegw.emulator.camera.scene.CameraGeometry;
import org.nsegw.emulator.camera.scene.RenderedScene;
import org.nsegw.emulator.camera.scene.SceneRenderer;
import org.nsegw.emulator.camera.scene.SceneSpec;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/** Rendered exit scenes as the detectors get them: the camera's JPEG, decoded by OpenCV. */
final class Scenes {

    /** The emulated camera's regions, read from the site-file form as a site file gives them. */
    static final Regions REGIONS = Regions.parse(Map.of(
            "regions.wheelZone", CameraGeometry.siteForm(CameraGeometry.WHEEL_ZONE),
            "regions.bodyZone", CameraGeometry.siteForm(CameraGeometry.BODY_ZONE),
            "regions.roadZone", CameraGeometry.siteForm(CameraGeometry.ROAD_ZONE),
            "regions.washArea", CameraGeometry.siteForm(CameraGeometry.WASH_AREA)));

    static {
        nu.pattern.OpenCV.loadLocally();
    }

    private Scenes() {
    }

    static Mat decode(RenderedScene scene) {
        return Imgcodecs.imdecode(new MatOfByte(scene.jpeg()), Imgcodecs.IMREAD_COLOR);
    }

    static Mat frame(SceneSpec spec) {
        return decode(SceneRenderer.render(spec));
    }
}
