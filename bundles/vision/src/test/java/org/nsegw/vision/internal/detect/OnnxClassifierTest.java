package org.nsegw.vision.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import java.util.List;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.emulator.camera.scene.Condition;
import org.nsegw.emulator.camera.scene.Load;
import org.nsegw.emulator.camera.scene.SceneSpec;
import org.nsegw.emulator.camera.scene.Truck;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/** No model is shipped: a bad one must be refused with a message an installer can act on, and a good one must run. */
class OnnxClassifierTest {

    @BeforeAll
    static void natives() {
        nu.pattern.OpenCV.loadLocally();
    }

    @Test
    void bytesThatAreNoModelAreRefusedWithTheirName() {
        byte[] text = "this is not an ONNX model".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> OnnxClassifier.of("/etc/nsegw/mud.onnx", text, 224)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ONNX model /etc/nsegw/mud.onnx cannot be read by OpenCV's dnn module: ");
    }

    @Test
    void anEmptyFileOrABadInputSizeIsRefused() {
        assertThatThrownBy(() -> OnnxClassifier.of("mud.onnx", new byte[0], 224)).hasMessage("ONNX model mud.onnx is empty");
        assertThatThrownBy(() -> OnnxClassifier.of("mud.onnx", new byte[] {1}, 8)).hasMessageContaining("input size must be 32 to 1024");
    }

    @Test
    void aModelThatReadsRunsOnTheCropAndGivesAProbability() {
        // the smallest model of the contract: the mean of the RGB input (0..1), one output value
        OnnxClassifier mean = OnnxClassifier.of("mean.onnx", TinyOnnx.reduceMean(32), 32);
        Mat white = new Mat(60, 90, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Mat dark = new Mat(60, 90, CvType.CV_8UC3, new Scalar(0, 0, 51));
        assertThat(mean.probability(white)).isCloseTo(1.0, within(0.01));
        assertThat(mean.probability(dark)).isCloseTo(0.2 / 3, within(0.01));
        white.release();
        dark.release();
    }

    @Test
    void aClassifierDecidesTheConfidenceOfItsKindOnItsZone() {
        OnnxClassifier mean = OnnxClassifier.of("mean.onnx", TinyOnnx.reduceMean(32), 32);
        Mat frame = Scenes.frame(SceneSpec.still(95, 640, 360, Condition.CLEAR_DAY, new Truck("浙A3K725", false, Load.CLOSED), false));
        ExitDetectors classic = new ExitDetectors();
        ExitDetectors withModel = classic.withClassifier(ObservationKind.UNCOVERED_LOAD, mean);
        List<Detection> a = classic.analyze(frame, Scenes.REGIONS, null);
        List<Detection> b = withModel.analyze(frame, Scenes.REGIONS, null);
        Box zone = Scenes.REGIONS.bodyZone().bounds(640, 360);
        Mat crop = frame.submat(new Rect(zone.x(), zone.y(), zone.width(), zone.height()));
        assertThat(b.get(1).confidence()).isCloseTo(mean.probability(crop), within(0.01)); // presence is 1: a truck is there
        assertThat(b.get(1).confidence()).isGreaterThan(0.2); // a closed lid's brightness, not the classic near-zero
        assertThat(a.get(1).confidence()).isLessThan(0.05);
        assertThat(b.get(1).score()).isEqualTo(a.get(1).score());
        assertThat(b.get(0)).isEqualTo(a.get(0));
        crop.release();
        frame.release();
    }

    /** Writes ONNX (protobuf) by hand: no model file is shipped or downloaded. */
    static final class TinyOnnx {

        /** ReduceMean over every axis of a 1x3xSxS float input, keepdims: output 1x1x1x1. */
        static byte[] reduceMean(int side) {
            byte[] node = concat(string(1, "x"), string(2, "p"), string(4, "ReduceMean"),
                    message(5, concat(string(1, "keepdims"), varint(3, 1), varint(20, 2))));
            byte[] graph = concat(message(1, node), string(2, "g"), message(11, valueInfo("x", 1, 3, side, side)),
                    message(12, valueInfo("p", 1, 1, 1, 1)));
            return concat(varint(1, 7), message(8, concat(string(1, ""), varint(2, 13))), message(7, graph));
        }

        static byte[] valueInfo(String name, long... dims) {
            byte[] shape = new byte[0];
            for (long d : dims) {
                shape = concat(shape, message(1, varint(1, d)));
            }
            byte[] tensor = concat(varint(1, 1), message(2, shape));
            return concat(string(1, name), message(2, message(1, tensor)));
        }

        static byte[] varint(int field, long value) {
            return concat(key(field, 0), rawVarint(value));
        }

        static byte[] string(int field, String value) {
            return message(field, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static byte[] message(int field, byte[] body) {
            return concat(key(field, 2), rawVarint(body.length), body);
        }

        static byte[] key(int field, int wireType) {
            return rawVarint((long) field << 3 | wireType);
        }

        static byte[] rawVarint(long v) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
            return out.toByteArray();
        }

        static byte[] concat(byte[]... parts) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }
    }
}
