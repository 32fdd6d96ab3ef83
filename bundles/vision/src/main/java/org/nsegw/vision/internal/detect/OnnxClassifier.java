package org.nsegw.vision.internal.detect;

import java.util.Objects;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;

/**
 * An optional image classifier in ONNX form, run through OpenCV's dnn module on the crop of one zone. None is shipped;
 * a site may configure one per violation kind.
 *
 * <p>The model's contract: one input, a 1×3×S×S tensor of RGB values scaled to 0..1 (S is {@code inputSize}, 224 by
 * default); one output, either 1×1 (the probability of the violation, or a logit when {@code logits}), or 1×2 (class
 * 0 clean, class 1 violation; a softmax is applied). Inference costs tens of milliseconds at 224 px on a gateway's core:
 * run it when a vehicle is present, not on every frame.
 *
 * <p>Pure: the caller reads the model file; a model that OpenCV cannot read is refused here with a clear message.
 */
public final class OnnxClassifier {

    private final String name;
    private final Net net;
    private final int inputSize;

    private OnnxClassifier(String name, Net net, int inputSize) {
        this.name = name;
        this.net = net;
        this.inputSize = inputSize;
    }

    /**
     * Reads a model.
     *
     * @param name      where it came from, for messages (e.g. its path)
     * @param model     the ONNX file's bytes
     * @param inputSize the side of the square input, 32 to 1024
     * @throws IllegalArgumentException when the bytes are not a model OpenCV can run
     */
    public static OnnxClassifier of(String name, byte[] model, int inputSize) {
        Objects.requireNonNull(name, "name");
        if (inputSize < 32 || inputSize > 1024) {
            throw new IllegalArgumentException("the classifier's input size must be 32 to 1024 pixels, not " + inputSize);
        }
        if (model == null || model.length == 0) {
            throw new IllegalArgumentException("ONNX model " + name + " is empty");
        }
        Net net;
        try {
            net = Dnn.readNetFromONNX(new MatOfByte(model));
        } catch (RuntimeException e) { // CvException: the parser's message names what is wrong
            throw new IllegalArgumentException("ONNX model " + name + " cannot be read by OpenCV's dnn module: " + firstLine(e.getMessage()), e);
        }
        if (net.empty()) {
            throw new IllegalArgumentException("ONNX model " + name + " holds no network");
        }
        return new OnnxClassifier(name, net, inputSize);
    }

    /** The probability, 0 to 1, that the crop shows the violation. */
    public double probability(Mat bgrCrop) {
        Mat blob = Dnn.blobFromImage(bgrCrop, 1 / 255.0, new Size(inputSize, inputSize), new Scalar(0, 0, 0), true, false);
        try {
            net.setInput(blob);
            Mat out = net.forward();
            try {
                int n = (int) out.total();
                float[] v = new float[n];
                out.reshape(1, 1).get(0, 0, v);
                double p;
                if (n == 1) {
                    p = v[0] >= 0 && v[0] <= 1 ? v[0] : 1 / (1 + Math.exp(-v[0]));
                } else if (n == 2) {
                    double a = Math.exp(v[0] - Math.max(v[0], v[1]));
                    double b = Math.exp(v[1] - Math.max(v[0], v[1]));
                    p = b / (a + b);
                } else {
                    throw new IllegalStateException("ONNX model " + name + " gives " + n + " outputs; 1 or 2 are expected");
                }
                return Math.min(1, Math.max(0, p));
            } finally {
                out.release();
            }
        } finally {
            blob.release();
        }
    }

    public String name() {
        return name;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no reason given";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

}
