package org.nsegw.evidence.internal.content;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadFlag;
import org.nsegw.api.device.Verification;
import org.nsegw.api.evidence.MediaRef;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.vision.ObservationKind;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.Suspension;
import org.nsegw.api.weigh.TyreFitting;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.api.weigh.WeighRecord;

/** A 6-axle combination over the statutory and the posted limit, read front and rear, and its images. */
public final class Sample {

    /** 2026-11-23 10:15:00 in Hangzhou. */
    public static final Instant TIME = Instant.parse("2026-11-23T02:15:00Z");
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final GatewayIdentity GATEWAY = new GatewayIdentity("hz-qtb3-gw1", "钱塘江三桥 北岸称重点", "3301000012",
            30.2741, 120.1551, "G104", "北岸引桥 K12+300");
    static final CaseContext CONTEXT = new CaseContext(GATEWAY, ZONE, new ClockState("system clock", "synchronized"),
            Instant.parse("2026-11-23T02:15:21.500Z"));
    static final byte[] RAW = "V 6 52300 62.5\r\n".getBytes(StandardCharsets.US_ASCII);
    static final String STATUTORY = "OVERWEIGHT_STATUTORY：6轴汽车列车，车货总质量52,300 kg，第三条限值49,000 kg，容差5%"
            + "（49,000 kg×1.05=51,450 kg），超限3,300 kg，超限率6.7%；挂车号牌浙A6789挂，判为汽车列车";
    static final String POSTED = "OVERWEIGHT_POSTED：6轴汽车列车，车货总质量52,300 kg，车道L1限载40,000 kg（第二十七条），"
            + "容差5%（40,000 kg×1.05=42,000 kg），超限12,300 kg，超限率30.8%";

    /** The files of the data directory, by relative path. */
    public final Map<String, byte[]> files = new HashMap<>();

    MediaRef image(String camera, String event, int n, String role) {
        byte[] jpeg = ("JPEG " + camera + " " + event + " " + role).getBytes(StandardCharsets.US_ASCII);
        String path = "media/anpr/" + camera + "/2026-11-23/" + event + "/" + String.format("%02d-%s.jpg", n, role);
        files.put(path, jpeg);
        return new MediaRef(role, path, "image/jpeg", jpeg.length, CaseContent.sha256(jpeg));
    }

    PlateRead read(String camera, CameraPosition position, String plate, String rawText, PlateKind kind, int confidence,
            Instant time, Set<PlateReadFlag> flags) {
        String event = camera.equals("anpr-L1-front") ? "ev-1001" : "ev-2001";
        return new PlateRead(camera, "L1", position, time, plate, rawText, kind, PlateColor.YELLOW, confidence, event,
                List.of(image(camera, event, 1, "plate"), image(camera, event, 2, "scene")), time.minusMillis(120),
                time.plusMillis(350), flags, rawText.equals(plate) ? List.of() : List.of("colour word 黄 removed"));
    }

    static WeighRecord weigh(String device, Verification verification) {
        List<Axle> axles = List.of(new Axle(7_100, 0, TyreFitting.SINGLE, Suspension.OTHER),
                new Axle(9_300, 3_200, TyreFitting.DUAL, Suspension.AIR), new Axle(9_200, 1_350, TyreFitting.DUAL, Suspension.AIR),
                new Axle(8_900, 7_200), new Axle(8_900, 1_310), new Axle(8_900, 1_310));
        return new WeighRecord(device, "L1", TIME, 62.5, axles,
                List.of(new AxleGroup(0, 1), new AxleGroup(1, 2), new AxleGroup(3, 3)), 52_300, "5", verification,
                EnumSet.noneOf(WeighFlag.class), RAW);
    }

    public Verdict violation() {
        PlateRead front = read("anpr-L1-front", CameraPosition.FRONT, "浙A12345", "黄浙A12345", PlateKind.NORMAL, 96,
                TIME.minusMillis(4_680), Set.of());
        PlateRead rear = read("anpr-L1-rear", CameraPosition.REAR, "浙A6789挂", "浙A6789挂", PlateKind.TRAILER, 88,
                TIME.plusMillis(2_160), Set.of(PlateReadFlag.LOW_CONFIDENCE));
        Passage p = new Passage("L1-20261123-000042", "L1", TIME,
                weigh("wim-L1", new Verification("ZJJL-WIM-2026-0101", LocalDate.of(2027, 6, 30))), List.of(front, rear),
                List.of(), Set.of(), "浙A12345", "浙A6789挂", List.of());
        return new Verdict(p, Outcome.VIOLATION, List.of(
                new Finding("OVERWEIGHT_STATUTORY", "《超限运输车辆行驶公路管理规定》第三条", STATUTORY),
                new Finding("OVERWEIGHT_POSTED", "《超限运输车辆行驶公路管理规定》第二十七条", POSTED)), "OW-0101");
    }

    /** A truck the sensor missed, read by the front camera only: compliant, with neither weight nor plate doubts judged. */
    public Verdict unweighed() {
        PlateRead front = read("anpr-L1-front", CameraPosition.FRONT, "浙A12345", "浙A12345", PlateKind.NORMAL, 90, TIME,
                Set.of());
        Passage p = new Passage("L1-20261123-000043", "L1", TIME, null, List.of(front), List.of(),
                Set.of(PassageFlag.NO_WEIGHT), "浙A12345", "", List.of());
        return new Verdict(p, Outcome.COMPLIANT, List.of(), "");
    }

    /** A site exit: a gate read and a muddy-vehicle observation with its annotated frame. */
    public Verdict siteExit() {
        PlateRead gate = read("anpr-gate", CameraPosition.GATE, "浙A3K725", "浙A3K725", PlateKind.NORMAL, 95, TIME, Set.of());
        byte[] frame = "JPEG annotated".getBytes(StandardCharsets.US_ASCII);
        String path = "media/vision/cam-exit/2026-11-23/obs-7/annotated.jpg";
        files.put(path, frame);
        Observation muddy = new Observation("cam-exit", "G1", TIME, ObservationKind.MUDDY_VEHICLE, 0.35, 0.91,
                List.of(new MediaRef("annotated", path, "image/jpeg", frame.length, CaseContent.sha256(frame))));
        Passage p = new Passage("G1-20261123-000007", "G1", TIME, null, List.of(gate), List.of(muddy), Set.of(), "浙A3K725",
                "", List.of());
        return new Verdict(p, Outcome.VIOLATION, List.of(new Finding("MUDDY_VEHICLE", "",
                "MUDDY_VEHICLE：摄像机cam-exit检测置信度0.91（阈值0.85），车辆车轮或车身带泥驶出工地；车辆浙A3K725")), "CL-01");
    }

    /**
     * A site exit whose truck was muddy and had its load uncovered: two observations of one exit, each listing the
     * exit's before and after frames and its clip (the same files) and its own frame and annotated image.
     */
    public Verdict siteExitWithTwoFindings() {
        PlateRead gate = read("anpr-gate", CameraPosition.GATE, "浙A3K725", "浙A3K725", PlateKind.NORMAL, 95, TIME, Set.of());
        String dir = "media/vision/cam-exit/2026-11-23/exit-7/";
        MediaRef before = exitFile(dir, "before", "before.jpg", "image/jpeg");
        MediaRef after = exitFile(dir, "after", "after.jpg", "image/jpeg");
        MediaRef clip = exitFile(dir, "clip", "clip.avi", "video/x-msvideo");
        List<Observation> observations = new java.util.ArrayList<>();
        for (ObservationKind kind : List.of(ObservationKind.MUDDY_VEHICLE, ObservationKind.UNCOVERED_LOAD)) {
            observations.add(new Observation("cam-exit", "G1", TIME, kind, 0.3, 0.95, List.of(before,
                    exitFile(dir, "at", "at-" + kind + ".jpg", "image/jpeg"), after,
                    exitFile(dir, "annotated", "annotated-" + kind + ".jpg", "image/jpeg"), clip)));
        }
        Passage p = new Passage("G1-20261123-000008", "G1", TIME, null, List.of(gate), observations, Set.of(), "浙A3K725",
                "", List.of());
        return new Verdict(p, Outcome.VIOLATION, List.of(new Finding("MUDDY_VEHICLE", "", "MUDDY_VEHICLE"),
                new Finding("UNCOVERED_LOAD", "", "UNCOVERED_LOAD")), "CL-01");
    }

    private MediaRef exitFile(String dir, String role, String name, String type) {
        byte[] content = ("content of " + name).getBytes(StandardCharsets.US_ASCII);
        files.put(dir + name, content);
        return new MediaRef(role, dir + name, type, content.length, CaseContent.sha256(content));
    }

    MediaSource media() {
        return path -> {
            byte[] b = files.get(path);
            if (b == null) {
                throw new java.nio.file.NoSuchFileException(path);
            }
            return b.clone();
        };
    }
}
