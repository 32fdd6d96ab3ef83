package org.nsegw.console.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.evidence.MediaRef;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.WeighRecord;

/**
 * The console's tables as text cells: the server renders them into the first HTML of a page, and the page's script
 * fetches the same rows as JSON to refresh them, so both show exactly the same thing. Pure.
 */
final class Tables {

    /** One table row: a CSS class (a device's state), its cells as text, and image links (plate reads). */
    record Row(String state, List<String> cells, List<String> images) {
        Row {
            cells = List.copyOf(cells);
            images = List.copyOf(images);
        }
    }

    static final List<String> DEVICE_HEADERS = List.of("设备 Device", "类型 Kind", "车道 Lane", "状态 State",
            "原因 Reason", "起始 Since", "最后数据 Last data", "计数 Counters");
    static final List<String> WEIGH_HEADERS = List.of("时间 Time", "设备 Device", "车道 Lane", "总重 Gross (kg)",
            "轴数 Axles", "轴重 Axle loads (kg)", "车速 Speed (km/h)", "标记 Flags");
    static final List<String> PLATE_HEADERS = List.of("时间 Time", "相机 Camera", "车道 Lane", "位置 Position",
            "车牌 Plate", "颜色 Colour", "置信度 Confidence", "标记 Flags", "图片 Images");

    /** The URL path of a plate read's image; the console serves only images of reads it holds. */
    static final String MEDIA_PATH = "/media/";

    private final DateTimeFormatter time;

    Tables(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone);
    }

    String time(Instant t) {
        return t == null ? "—" : time.format(t);
    }

    List<Row> devices(List<DeviceStatus> devices) {
        List<Row> rows = new ArrayList<>();
        for (DeviceStatus d : devices) {
            String counters = d.counters().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            rows.add(new Row(d.state().name().toLowerCase(Locale.ROOT), List.of(d.deviceId(), d.kind().profileKind(),
                    d.lane(), d.state().name(), d.reason(), time(d.since()), time(d.lastData()), counters), List.of()));
        }
        return rows;
    }

    List<Row> weighRecords(List<WeighRecord> records) {
        List<Row> rows = new ArrayList<>();
        for (WeighRecord r : records) {
            String loads = r.axles().stream().map(Axle::loadKg).map(String::valueOf).collect(Collectors.joining(" / "));
            String flags = r.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
            rows.add(new Row(r.isClean() ? "clean" : "flagged", List.of(time(r.time()), r.deviceId(), r.lane(),
                    String.valueOf(r.grossWeightKg()), String.valueOf(r.axleCount()), loads,
                    String.format(Locale.ROOT, "%.1f", r.speedKmh()), flags), List.of()));
        }
        return rows;
    }

    List<Row> plateReads(List<PlateRead> reads) {
        List<Row> rows = new ArrayList<>();
        for (PlateRead r : reads) {
            String flags = r.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
            List<String> images = r.images().stream().filter(m -> m.mediaType().startsWith("image/"))
                    .map(Tables::mediaUrl).toList();
            rows.add(new Row(r.isReadable() ? "readable" : "unreadable", List.of(time(r.time()), r.cameraId(), r.lane(),
                    r.position().name(), r.isReadable() ? r.plate() : "(无法识别 unreadable) " + r.rawText(),
                    r.color().name(), r.confidence() < 0 ? "—" : String.valueOf(r.confidence()), flags,
                    images.size() + ""), images));
        }
        return rows;
    }

    static String mediaUrl(MediaRef m) {
        return MEDIA_PATH + m.sha256();
    }
}
