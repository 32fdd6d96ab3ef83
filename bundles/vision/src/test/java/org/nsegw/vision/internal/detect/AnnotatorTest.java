package org.nsegw.vision.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.emulator.camera.scene.Condition;
import org.nsegw.emulator.camera.scene.Load;
import org.nsegw.emulator.camera.scene.SceneSpec;
import org.nsegw.emulator.camera.scene.Truck;
import org.opencv.core.Core;
import org.opencv.core.Mat;

class AnnotatorTest {

    @Test
    void drawsZonesBoxesAndScoresOnACopy() {
        Mat frame = Scenes.frame(SceneSpec.still(81, 640, 360, Condition.CLEAR_DAY, new Truck("浙AF2206", true, Load.COVERED), false));
        Mat before = frame.clone();
        List<Detection> d = new ExitDetectors().analyze(frame, Scenes.REGIONS, null);
        Mat out = Annotator.draw(frame, Scenes.REGIONS, d, Map.of(ObservationKind.MUDDY_VEHICLE, 0.85));
        Mat diff = new Mat();
        Core.absdiff(frame, before, diff);
        assertThat(Core.sumElems(diff).val[0]).as("the frame itself is untouched").isZero();
        // the mud box's top-left corner is drawn in red (BGR 0,0,255)
        Box mud = d.get(0).where().get(0);
        double[] corner = out.get(mud.y(), mud.x());
        assertThat(corner).containsExactly(0, 0, 255);
        // the road zone's outline, in yellow, crosses its top edge
        int y = (int) Math.round(0.85 * 360);
        double[] edge = out.get(y, (int) Math.round(0.6 * 640));
        assertThat(edge[0]).isLessThan(80);
        assertThat(edge[1]).isGreaterThan(180);
        assertThat(edge[2]).isGreaterThan(180);
        List.of(frame, before, out, diff).forEach(Mat::release);
    }
}
