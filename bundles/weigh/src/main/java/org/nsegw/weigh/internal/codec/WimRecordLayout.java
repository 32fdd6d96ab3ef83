package org.nsegw.weigh.internal.codec;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a weigh-in-motion controller writes its per-vehicle records, from the device profile's {@code record.*} keys:
 * a vehicle line, then one line per axle, fields split by a delimiter. Checked here, so that a wrong profile fails
 * with a message an installer can act on.
 *
 * <p>Vehicle fields: {@code tag time lane speedKmh speedMs axleCount grossKg grossT serial ignore}, and
 * {@code keep:NAME} for a field the gateway keeps as evidence without reading it. Axle fields: {@code tag index
 * loadKg loadT spacingMm spacingCm spacingM ignore keep:NAME}.
 *
 * @param delimiter             {@code record.delimiter}: between fields, e.g. {@code ,}
 * @param vehicleTag            {@code record.vehicleTag}: the tag field of a vehicle line, e.g. {@code V}
 * @param vehicleFields         {@code record.vehicleFields}: the fields of a vehicle line, in order
 * @param axleTag               {@code record.axleTag}: the tag field of an axle line, e.g. {@code A}
 * @param axleFields            {@code record.axleFields}: the fields of an axle line, in order
 * @param timeFormat            {@code record.timeFormat}: a java.time pattern for the time field, e.g. {@code yyyyMMddHHmmssSSS}
 * @param grossTolerancePercent {@code record.grossTolerancePercent}: how far the gross may differ from the sum of the
 *                              axle loads, in % of the sum; negative: not checked
 * @param checksum              {@code record.checksum}: {@code none}, or {@code xor-hex}
 */
public record WimRecordLayout(
        String delimiter,
        String vehicleTag,
        List<String> vehicleFields,
        String axleTag,
        List<String> axleFields,
        String timeFormat,
        double grossTolerancePercent,
        Checksum checksum) {

    /** The checksum of a line. */
    public enum Checksum {
        /** Lines carry no checksum. */
        NONE("none"),
        /**
         * The last field of every line is two hex digits: the XOR of every byte of the line before the delimiter
         * that precedes the checksum field.
         */
        XOR_HEX("xor-hex");

        private final String key;

        Checksum(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Checksum of(String key) {
            for (Checksum c : values()) {
                if (c.key.equals(key)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("record.checksum must be none or xor-hex, not '" + key + "'");
        }
    }

    /** What a field of a vehicle line is. */
    enum VehicleField {
        TAG, TIME, LANE, SPEED_KMH, SPEED_MS, AXLE_COUNT, GROSS_KG, GROSS_T, SERIAL, IGNORE, KEEP
    }

    /** What a field of an axle line is. */
    enum AxleField {
        TAG, INDEX, LOAD_KG, LOAD_T, SPACING_MM, SPACING_CM, SPACING_M, IGNORE, KEEP
    }

    /** One field of a line: what it is, and for {@code keep:NAME} the name it is kept under. */
    record Column<K extends Enum<K>>(K kind, String name) {
    }

    static final String DEFAULT_DELIMITER = ",";
    static final double DEFAULT_TOLERANCE_PERCENT = 2;
    private static final Pattern KEEP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final List<String> VEHICLE_KEYS = List.of("tag", "time", "lane", "speedKmh", "speedMs", "axleCount",
            "grossKg", "grossT", "serial", "ignore");
    private static final List<String> AXLE_KEYS = List.of("tag", "index", "loadKg", "loadT", "spacingMm", "spacingCm",
            "spacingM", "ignore");

    public WimRecordLayout {
        Objects.requireNonNull(checksum, "record.checksum");
        vehicleFields = List.copyOf(Objects.requireNonNull(vehicleFields, "record.vehicleFields"));
        axleFields = List.copyOf(Objects.requireNonNull(axleFields, "record.axleFields"));
        check(delimiter != null && !delimiter.isEmpty() && delimiter.chars().noneMatch(c -> c == '\r' || c == '\n'
                || Character.isLetterOrDigit(c) || c == '.' || c == '+' || c == '-'),
                "record.delimiter must be one or more characters other than letters, digits, '.', '+', '-', CR and LF, not '"
                + delimiter + "'");
        tag("record.vehicleTag", vehicleTag, delimiter);
        tag("record.axleTag", axleTag, delimiter);
        check(!vehicleTag.equals(axleTag), "record.vehicleTag and record.axleTag must differ, both are '" + vehicleTag + "'");
        List<Column<VehicleField>> vehicle = vehicleColumns(vehicleFields);
        List<Column<AxleField>> axle = axleColumns(axleFields);
        check(count(vehicle, VehicleField.TAG) == 1, "record.vehicleFields must hold tag once");
        check(count(vehicle, VehicleField.AXLE_COUNT) == 1, "record.vehicleFields must hold axleCount once");
        check(count(vehicle, VehicleField.SPEED_KMH) + count(vehicle, VehicleField.SPEED_MS) == 1,
                "record.vehicleFields must hold one speed: speedKmh or speedMs");
        check(count(vehicle, VehicleField.GROSS_KG) + count(vehicle, VehicleField.GROSS_T) <= 1,
                "record.vehicleFields may hold one gross weight (grossKg or grossT), not two");
        for (VehicleField once : List.of(VehicleField.TIME, VehicleField.LANE, VehicleField.SERIAL)) {
            check(count(vehicle, once) <= 1, "record.vehicleFields may hold " + key(once) + " only once");
        }
        check(count(axle, AxleField.TAG) == 1, "record.axleFields must hold tag once");
        check(count(axle, AxleField.INDEX) == 1, "record.axleFields must hold index once");
        check(count(axle, AxleField.LOAD_KG) + count(axle, AxleField.LOAD_T) == 1,
                "record.axleFields must hold one load: loadKg or loadT");
        check(count(axle, AxleField.SPACING_MM) + count(axle, AxleField.SPACING_CM) + count(axle, AxleField.SPACING_M) <= 1,
                "record.axleFields may hold one spacing (spacingMm, spacingCm or spacingM), not more");
        Set<String> kept = new HashSet<>();
        if (count(vehicle, VehicleField.SERIAL) == 1) {
            kept.add("serial");
        }
        for (Column<VehicleField> c : vehicle) {
            check(c.kind() != VehicleField.KEEP || kept.add(c.name()), "record.vehicleFields keeps '" + c.name() + "' twice");
        }
        Set<String> axleKept = new HashSet<>();
        for (Column<AxleField> c : axle) {
            check(c.kind() != AxleField.KEEP || axleKept.add(c.name()), "record.axleFields keeps '" + c.name() + "' twice");
        }
        boolean timed = count(vehicle, VehicleField.TIME) == 1;
        check(!timed || timeFormat != null && !timeFormat.isBlank(),
                "record.timeFormat is needed for the time field, e.g. yyyyMMddHHmmssSSS");
        if (timeFormat != null && !timeFormat.isBlank()) {
            try {
                DateTimeFormatter.ofPattern(timeFormat, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("record.timeFormat '" + timeFormat + "' is not a java.time pattern: "
                        + e.getMessage(), e);
            }
        }
        check(Double.isFinite(grossTolerancePercent) && grossTolerancePercent <= 100,
                "record.grossTolerancePercent must be a number up to 100 (negative: no check), not " + grossTolerancePercent);
    }

    /**
     * The layout of the example record of docs/weigh-protocols.md: {@code V,time,lane,speedKmh,axleCount,grossKg,serial}
     * and {@code A,index,loadKg,spacingMm}, time as {@code yyyyMMddHHmmssSSS}, gross within 2 %, no checksum.
     */
    public static WimRecordLayout defaults() {
        return new WimRecordLayout(DEFAULT_DELIMITER, "V",
                List.of("tag", "time", "lane", "speedKmh", "axleCount", "grossKg", "serial"), "A",
                List.of("tag", "index", "loadKg", "spacingMm"), "yyyyMMddHHmmssSSS", DEFAULT_TOLERANCE_PERCENT,
                Checksum.NONE);
    }

    /**
     * The layout from the device profile's {@code record.*} keys; lists are comma-separated, e.g.
     * {@code record.vehicleFields = tag,time,lane,speedKmh,axleCount,grossKg,serial}. A key left out takes its value
     * from {@link #defaults()}.
     */
    public static WimRecordLayout from(Map<String, String> profile) {
        WimRecordLayout d = defaults();
        String tolerance = profile.get("record.grossTolerancePercent");
        double percent;
        try {
            percent = tolerance == null || tolerance.isBlank() ? d.grossTolerancePercent() : Double.parseDouble(tolerance.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("record.grossTolerancePercent must be a number, not '" + tolerance + "'");
        }
        return new WimRecordLayout(
                profile.getOrDefault("record.delimiter", d.delimiter()),
                profile.getOrDefault("record.vehicleTag", d.vehicleTag()),
                list(profile.get("record.vehicleFields"), d.vehicleFields()),
                profile.getOrDefault("record.axleTag", d.axleTag()),
                list(profile.get("record.axleFields"), d.axleFields()),
                profile.getOrDefault("record.timeFormat", d.timeFormat()),
                percent,
                Checksum.of(profile.getOrDefault("record.checksum", d.checksum().key())));
    }

    private static List<String> list(String value, List<String> fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Arrays.stream(value.split(",")).map(String::strip).toList();
    }

    List<Column<VehicleField>> vehicleColumns() {
        return vehicleColumns(vehicleFields);
    }

    List<Column<AxleField>> axleColumns() {
        return axleColumns(axleFields);
    }

    private static List<Column<VehicleField>> vehicleColumns(List<String> names) {
        return columns("record.vehicleFields", names, VEHICLE_KEYS, VehicleField.values(), VehicleField.KEEP);
    }

    private static List<Column<AxleField>> axleColumns(List<String> names) {
        return columns("record.axleFields", names, AXLE_KEYS, AxleField.values(), AxleField.KEEP);
    }

    /** The keys name the kinds in declaration order; {@code keep:NAME} makes a {@code keep} column. */
    private static <K extends Enum<K>> List<Column<K>> columns(String setting, List<String> names, List<String> keys,
            K[] kinds, K keep) {
        check(!names.isEmpty(), setting + " is empty: list the fields of the line in order");
        List<Column<K>> columns = new ArrayList<>();
        for (String name : names) {
            Objects.requireNonNull(name, setting);
            int k = keys.indexOf(name);
            if (k >= 0) {
                columns.add(new Column<>(kinds[k], name));
            } else if (name.startsWith("keep:") && KEEP_NAME.matcher(name.substring(5)).matches()) {
                columns.add(new Column<>(keep, name.substring(5)));
            } else {
                throw new IllegalArgumentException(setting + ": unknown field '" + name + "'; use "
                        + String.join(", ", keys) + ", or keep:NAME to keep a field as evidence");
            }
        }
        return List.copyOf(columns);
    }

    private static <K extends Enum<K>> long count(List<Column<K>> columns, K kind) {
        return columns.stream().filter(c -> c.kind() == kind).count();
    }

    private static String key(VehicleField f) {
        return VEHICLE_KEYS.get(f.ordinal());
    }

    private static void tag(String setting, String tag, String delimiter) {
        check(tag != null && !tag.isEmpty() && !tag.contains(delimiter)
                && tag.chars().allMatch(c -> c > 0x20 && c < 0x7F),
                setting + " must be printable ASCII without spaces or the delimiter, not '" + tag + "'");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
