package org.nsegw.vision.internal.detect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** No model is shipped, so what is tested is that a bad one is refused with a message an installer can act on. */
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
}
