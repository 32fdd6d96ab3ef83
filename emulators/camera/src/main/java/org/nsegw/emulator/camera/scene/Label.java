package org.nsegw.emulator.camera.scene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The ground truth of one rendered image, written as {@code NAME.json} beside {@code NAME.jpg}
 * ({@value #FORMAT}; see docs/vision.md):
 *
 * <pre>
 * {"format":"nsegw-vision-label/1","image":"exit-000001.jpg","seed":1,"width":640,"height":360,
 *  "condition":{"light":"day","rain":false,"shadows":true,"noise":0.012,"jpegQuality":85},
 *  "truck":{"present":true,"plate":"浙A3K725","box":[140,81,402,215],"load":"COVERED","mudShare":0.004},
 *  "road":{"dirtShare":0.27},
 *  "truth":{"MUDDY_VEHICLE":false,"UNCOVERED_LOAD":false,"DIRTY_ROAD":true}}
 * </pre>
 *
 * {@code box} is the truck's bounding box in pixels (x, y, width, height); {@code mudShare} the share of the wheel zone
 * covered by mud, {@code dirtShare} the share of the road zone covered by mud, both measured on the drawing before
 * light, noise and compression. Without a truck, {@code truck} is {@code {"present":false}}.
 *
 * @param image     the image's file name
 * @param plate     the truck's plate, or null
 * @param box       x, y, width, height in pixels, or null without a truck
 * @param load      the load, or null without a truck
 */
public record Label(String image, long seed, int width, int height, Condition condition, boolean truckPresent, String plate, int[] box,
        Load load, double mudShare, double dirtShare, boolean muddyVehicle, boolean uncoveredLoad, boolean dirtyRoad) {

    public static final String FORMAT = "nsegw-vision-label/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Label {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(condition, "condition");
        if (truckPresent && (plate == null || box == null || box.length != 4 || load == null)) {
            throw new IllegalArgumentException("a truck needs a plate, a box of 4 numbers and a load");
        }
        box = box == null ? null : box.clone();
    }

    public Label withImage(String name) {
        return new Label(name, seed, width, height, condition, truckPresent, plate, box, load, mudShare, dirtShare, muddyVehicle,
                uncoveredLoad, dirtyRoad);
    }

    /** The truth for a violation kind by its name (MUDDY_VEHICLE, UNCOVERED_LOAD, DIRTY_ROAD). */
    public boolean truth(String kind) {
        return switch (kind) {
            case "MUDDY_VEHICLE" -> muddyVehicle;
            case "UNCOVERED_LOAD" -> uncoveredLoad;
            case "DIRTY_ROAD" -> dirtyRoad;
            default -> throw new IllegalArgumentException("no violation kind " + kind);
        };
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("image", image);
        root.put("seed", seed);
        root.put("width", width);
        root.put("height", height);
        ObjectNode c = root.putObject("condition");
        c.put("light", condition.light().word());
        c.put("rain", condition.rain());
        c.put("shadows", condition.shadows());
        c.put("noise", condition.noise());
        c.put("jpegQuality", condition.jpegQuality());
        ObjectNode t = root.putObject("truck");
        t.put("present", truckPresent);
        if (truckPresent) {
            t.put("plate", plate);
            ArrayNode b = t.putArray("box");
            for (int v : box) {
                b.add(v);
            }
            t.put("load", load.name());
            t.put("mudShare", round(mudShare));
        }
        root.putObject("road").put("dirtShare", round(dirtShare));
        ObjectNode truth = root.putObject("truth");
        truth.put("MUDDY_VEHICLE", muddyVehicle);
        truth.put("UNCOVERED_LOAD", uncoveredLoad);
        truth.put("DIRTY_ROAD", dirtyRoad);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a label; a file of another format or with a field missing is refused with what is wrong. */
    public static Label parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a label of format " + FORMAT);
        }
        JsonNode c = need(root, "condition");
        Condition condition = new Condition(Light.of(need(c, "light").asText()), need(c, "rain").asBoolean(),
                need(c, "shadows").asBoolean(), need(c, "noise").asDouble(), need(c, "jpegQuality").asInt());
        JsonNode t = need(root, "truck");
        boolean present = need(t, "present").asBoolean();
        int[] box = null;
        if (present) {
            JsonNode b = need(t, "box");
            if (!b.isArray() || b.size() != 4) {
                throw new IllegalArgumentException("truck.box must be [x, y, width, height]");
            }
            box = new int[] {b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt()};
        }
        JsonNode truth = need(root, "truth");
        return new Label(need(root, "image").asText(), need(root, "seed").asLong(), need(root, "width").asInt(),
                need(root, "height").asInt(), condition, present, present ? need(t, "plate").asText() : null, box,
                present ? Load.valueOf(need(t, "load").asText()) : null, present ? t.path("mudShare").asDouble() : 0,
                root.path("road").path("dirtShare").asDouble(), need(truth, "MUDDY_VEHICLE").asBoolean(),
                need(truth, "UNCOVERED_LOAD").asBoolean(), need(truth, "DIRTY_ROAD").asBoolean());
    }

    public static Label read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
    }

    private static JsonNode need(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return v;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Label l && l.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
