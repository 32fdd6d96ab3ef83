package org.nsegw.weigh.internal.codec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.nsegw.api.weigh.Axle;
import org.nsegw.weigh.internal.codec.WimRecordLayout.AxleField;
import org.nsegw.weigh.internal.codec.WimRecordLayout.Column;
import org.nsegw.weigh.internal.codec.WimRecordLayout.VehicleField;

/**
 * Per-vehicle ASCII records of a weigh-in-motion controller, laid out by a {@link WimRecordLayout}: a vehicle line
 * starts a record, which is complete when its {@code axleCount} axle lines (indices 1..n, in order) have arrived. Lines
 * end with LF, a CR before it is dropped; a line is UTF-8 text without control characters (TAB allowed), at most
 * {@value #MAX_LINE} bytes before its LF.
 *
 * <p>What becomes what:
 * <ul>
 *   <li>a complete record whose every field is valid: a value, its raw the record's lines;</li>
 *   <li>a vehicle line or a record with a bad field, a wrong axle index, a gross off the axle sum, or a line that is
 *       not an axle line where one was due: {@link Rejection#MALFORMED}, naming the line and the field;</li>
 *   <li>a line checksum that does not match ({@code xor-hex}): {@link Rejection#CHECKSUM};</li>
 *   <li>a new vehicle line before the record is complete, or the line going quiet: {@link Rejection#TRUNCATED};</li>
 *   <li>outside a record, an axle line, a line of another kind, binary data, or the rest of an over-long line:
 *       {@link Rejection#NOISE}. Inside a record an over-long line spoils the record ({@link Rejection#MALFORMED}).</li>
 * </ul>
 */
public final class WimRecordCodec extends StreamCodec<VehicleRecord> {

    static final int MAX_LINE = 512;
    static final int MIN_AXLES = 2;
    static final int MAX_AXLES = 12;
    static final double MAX_SPEED_KMH = 200;
    static final int MAX_AXLE_LOAD_KG = 100_000;
    static final int MAX_SPACING_MM = 20_000;
    private static final int LF = '\n';
    private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");
    private static final Pattern HEX2 = Pattern.compile("[0-9A-Fa-f]{2}");

    private final WimRecordLayout layout;
    private final List<Column<VehicleField>> vehicleColumns;
    private final List<Column<AxleField>> axleColumns;
    private final int vehicleTagAt;
    private final int axleTagAt;
    private final DateTimeFormatter time;
    private final Pattern split;

    // The record being read: its vehicle line and the axle lines so far take the first recordBytes of the buffer.
    private Head head;
    private final List<Axle> axles = new ArrayList<>();
    private final Map<String, String> extra = new LinkedHashMap<>();
    private int recordBytes;
    private boolean skippingLongLine;

    public WimRecordCodec(WimRecordLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.vehicleColumns = layout.vehicleColumns();
        this.axleColumns = layout.axleColumns();
        this.vehicleTagAt = indexOf(vehicleColumns, VehicleField.TAG);
        this.axleTagAt = indexOf(axleColumns, AxleField.TAG);
        this.time = layout.timeFormat() == null || layout.timeFormat().isBlank() ? null
                : DateTimeFormatter.ofPattern(layout.timeFormat(), Locale.ROOT);
        this.split = Pattern.compile(Pattern.quote(layout.delimiter()));
    }

    public WimRecordLayout layout() {
        return layout;
    }

    /** The vehicle line of the record being read. */
    private record Head(LocalDateTime time, String lane, double speedKmh, int axleCount, Integer grossKg,
            Map<String, String> extra) {
    }

    /** A field that is not what it should be: becomes the detail of a rejection. */
    private static final class Bad extends Exception {
        final Rejection reason;

        Bad(Rejection reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        Bad(String detail) {
            this(Rejection.MALFORMED, detail);
        }
    }

    @Override
    protected Cut<VehicleRecord> next(Window w) {
        if (skippingLongLine) {
            int lf = w.indexOf(LF, 0);
            if (lf >= 0 && lf < MAX_LINE) {
                skippingLongLine = false;
                return Cut.reject(lf + 1, Rejection.NOISE, "the rest of a line longer than " + MAX_LINE + " bytes");
            }
            return w.length() >= MAX_LINE
                    ? Cut.reject(MAX_LINE, Rejection.NOISE, "the rest of a line longer than " + MAX_LINE + " bytes")
                    : null;
        }
        while (true) {
            int from = recordBytes;
            int lf = w.indexOf(LF, from);
            if (lf < 0 || lf - from > MAX_LINE) {
                if (w.length() - from <= MAX_LINE) {
                    return null;
                }
                skippingLongLine = true;
                if (head == null) {
                    return Cut.reject(MAX_LINE, Rejection.NOISE, "a line longer than " + MAX_LINE + " bytes");
                }
                String where = lineName();
                return endRecord(Cut.reject(from + MAX_LINE, Rejection.MALFORMED, where + " is longer than " + MAX_LINE + " bytes"));
            }
            int end = lf + 1;
            String[] fields = fields(w, from, lf);
            Cut<VehicleRecord> cut = head == null ? outside(w, from, lf, fields) : inside(w, from, lf, fields);
            if (cut != null) {
                return cut;
            }
            recordBytes = end;
        }
    }

    @Override
    protected Cut<VehicleRecord> atTimeout(Window w) {
        if (skippingLongLine) {
            return Cut.reject(w.length(), Rejection.NOISE, "the rest of a line longer than " + MAX_LINE + " bytes");
        }
        if (head != null) {
            return endRecord(Cut.reject(w.length(), Rejection.TRUNCATED, "the controller went quiet after "
                    + axles.size() + " of " + head.axleCount() + " axle lines"));
        }
        byte[] tag = (layout.vehicleTag() + layout.delimiter()).getBytes(StandardCharsets.UTF_8);
        boolean vehicle = vehicleTagAt == 0 && startsWith(w, tag);
        return vehicle
                ? Cut.reject(w.length(), Rejection.TRUNCATED, "an incomplete vehicle line")
                : Cut.reject(w.length(), Rejection.NOISE, "an incomplete line that is no vehicle line");
    }

    @Override
    protected void restart() {
        clearRecord();
        skippingLongLine = false;
    }

    /** A complete line while no record is open. */
    private Cut<VehicleRecord> outside(Window w, int from, int lf, String[] fields) {
        int length = lf + 1;
        if (fields == null) {
            return Cut.reject(length, Rejection.NOISE, "binary data, not a line of text");
        }
        if (isVehicle(fields)) {
            try {
                Head h = vehicle(w, from, lf, fields);
                head = h;
                return null;
            } catch (Bad bad) {
                return Cut.reject(length, bad.reason, "vehicle line: " + bad.getMessage());
            }
        }
        if (isAxle(fields)) {
            return Cut.reject(length, Rejection.NOISE, "an axle line without its vehicle line");
        }
        return Cut.reject(length, Rejection.NOISE, "a line that is neither a vehicle line (" + layout.vehicleTag()
                + ") nor an axle line (" + layout.axleTag() + ")");
    }

    /** A complete line while a record is open. */
    private Cut<VehicleRecord> inside(Window w, int from, int lf, String[] fields) {
        int length = lf + 1;
        String where = lineName();
        if (fields != null && isVehicle(fields)) {
            return endRecord(Cut.reject(from, Rejection.TRUNCATED, "a new vehicle line after " + axles.size() + " of "
                    + head.axleCount() + " axle lines"));
        }
        if (fields == null || !isAxle(fields)) {
            return endRecord(Cut.reject(length, Rejection.MALFORMED, where + " is not an axle line"
                    + (fields == null ? " (binary data)" : "")));
        }
        try {
            axle(w, from, lf, fields);
        } catch (Bad bad) {
            return endRecord(Cut.reject(length, bad.reason, where + ": " + bad.getMessage()));
        }
        if (axles.size() < head.axleCount()) {
            return null;
        }
        int sum = axles.stream().mapToInt(Axle::loadKg).sum();
        int gross = head.grossKg() == null ? sum : head.grossKg();
        double tolerance = layout.grossTolerancePercent();
        if (head.grossKg() != null && tolerance >= 0 && Math.abs(gross - sum) > sum * tolerance / 100) {
            String off = sum == 0 ? "" : String.format(Locale.ROOT, " by %.2f %%", Math.abs(gross - sum) * 100.0 / sum);
            return endRecord(Cut.reject(length, Rejection.MALFORMED, "gross " + gross + " kg differs from the sum of the "
                    + "axle loads, " + sum + " kg," + off + " (record.grossTolerancePercent " + fmt(tolerance) + ")"));
        }
        Map<String, String> all = new LinkedHashMap<>(head.extra());
        all.putAll(extra);
        VehicleRecord record = new VehicleRecord(head.time(), head.lane(), head.speedKmh(), axles, gross, Set.of(), all);
        return endRecord(Cut.value(length, record));
    }

    private Head vehicle(Window w, int from, int lf, String[] fields) throws Bad {
        String[] values = checked(w, from, lf, fields, vehicleColumns.size(), "record.vehicleFields");
        LocalDateTime t = null;
        String lane = "";
        Double speed = null;
        Integer axleCount = null;
        Integer gross = null;
        Map<String, String> kept = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            Column<VehicleField> c = vehicleColumns.get(i);
            String v = values[i];
            switch (c.kind()) {
                case TIME -> t = time(v);
                case LANE -> lane = v.strip();
                case SPEED_KMH -> speed = speed(decimal("speedKmh", v));
                case SPEED_MS -> speed = speed(decimal("speedMs", v).multiply(BigDecimal.valueOf(36, 1)));
                case AXLE_COUNT -> {
                    int n = whole("axleCount", v);
                    if (n < MIN_AXLES || n > MAX_AXLES) {
                        throw new Bad("axleCount " + n + " is not " + MIN_AXLES + " to " + MAX_AXLES);
                    }
                    axleCount = n;
                }
                case GROSS_KG -> gross = whole("grossKg", v);
                case GROSS_T -> gross = kilograms("grossT", decimal("grossT", v), 1000);
                case SERIAL -> kept.put("serial", v);
                case KEEP -> kept.put(c.name(), v);
                case TAG, IGNORE -> {
                }
            }
        }
        return new Head(t, lane, speed, axleCount, gross, kept);
    }

    private void axle(Window w, int from, int lf, String[] fields) throws Bad {
        String[] values = checked(w, from, lf, fields, axleColumns.size(), "record.axleFields");
        int expected = axles.size() + 1;
        Integer load = null;
        int spacing = 0;
        Map<String, String> kept = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            Column<AxleField> c = axleColumns.get(i);
            String v = values[i];
            switch (c.kind()) {
                case INDEX -> {
                    int index = whole("index", v);
                    if (index != expected) {
                        throw new Bad("index " + index + ", expected " + expected);
                    }
                }
                case LOAD_KG -> load = whole("loadKg", v);
                case LOAD_T -> load = kilograms("loadT", decimal("loadT", v), 1000);
                case SPACING_MM -> spacing = expected == 1 && v.isEmpty() ? 0 : whole("spacingMm", v);
                case SPACING_CM -> spacing = expected == 1 && v.isEmpty() ? 0 : kilograms("spacingCm", decimal("spacingCm", v), 10);
                case SPACING_M -> spacing = expected == 1 && v.isEmpty() ? 0 : kilograms("spacingM", decimal("spacingM", v), 1000);
                case KEEP -> kept.put("axle" + expected + "." + c.name(), v);
                case TAG, IGNORE -> {
                }
            }
        }
        if (load > MAX_AXLE_LOAD_KG) {
            throw new Bad("load " + load + " kg is beyond " + MAX_AXLE_LOAD_KG + " kg");
        }
        if (expected == 1) {
            spacing = 0;
        } else if (spacing <= 0 || spacing > MAX_SPACING_MM) {
            throw new Bad("spacing " + spacing + " mm is not 1 to " + MAX_SPACING_MM + " mm");
        }
        axles.add(new Axle(load, spacing));
        extra.putAll(kept);
    }

    /** The values of a line after its checksum (if any) is checked and its fields counted. */
    private String[] checked(Window w, int from, int lf, String[] fields, int expected, String setting) throws Bad {
        String[] values = fields;
        if (layout.checksum() == WimRecordLayout.Checksum.XOR_HEX) {
            if (fields.length < 2) {
                throw new Bad("no checksum field");
            }
            String sent = fields[fields.length - 1];
            if (!HEX2.matcher(sent).matches()) {
                throw new Bad("checksum field '" + sent + "' is not two hex digits");
            }
            int end = contentEnd(w, from, lf) - sent.length() - layout.delimiter().getBytes(StandardCharsets.UTF_8).length;
            int xor = 0;
            for (int i = from; i < end; i++) {
                xor ^= w.at(i);
            }
            int s = Integer.parseInt(sent, 16);
            if (s != xor) {
                throw new Bad(Rejection.CHECKSUM, String.format("checksum %02X, computed %02X", s, xor));
            }
            values = Arrays.copyOf(fields, fields.length - 1);
        }
        if (values.length != expected) {
            throw new Bad(values.length + " fields, " + setting + " names " + expected);
        }
        return values;
    }

    private LocalDateTime time(String v) throws Bad {
        try {
            LocalDateTime t = LocalDateTime.parse(v, time);
            // The lenient resolver moves 30 February to 28 February: a time that does not print back is not a time.
            if (!time.format(t).equals(v)) {
                throw new Bad("time '" + v + "' is not a valid " + layout.timeFormat());
            }
            return t;
        } catch (DateTimeParseException e) {
            throw new Bad("time '" + v + "' does not match " + layout.timeFormat());
        }
    }

    private static double speed(BigDecimal kmh) throws Bad {
        double v = kmh.doubleValue();
        if (v > MAX_SPEED_KMH) {
            throw new Bad("speed " + fmt(v) + " km/h is outside 0-" + fmt(MAX_SPEED_KMH) + " km/h");
        }
        return v;
    }

    private static int whole(String field, String v) throws Bad {
        if (!WHOLE.matcher(v).matches()) {
            throw new Bad(field + " '" + v + "' is not a whole number");
        }
        return Integer.parseInt(v);
    }

    private static BigDecimal decimal(String field, String v) throws Bad {
        if (!DECIMAL.matcher(v).matches()) {
            throw new Bad(field + " '" + v + "' is not a number");
        }
        return new BigDecimal(v);
    }

    /** {@code v × factor}, rounded to a whole number (kg from t, mm from cm or m). */
    private static int kilograms(String field, BigDecimal v, int factor) throws Bad {
        BigDecimal r = v.multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP);
        if (r.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new Bad(field + " '" + v + "' is too large");
        }
        return r.intValueExact();
    }

    /** The fields of the line from {@code from} to its LF at {@code lf}; {@code null} if it is not text. */
    private String[] fields(Window w, int from, int lf) {
        int end = contentEnd(w, from, lf);
        for (int i = from; i < end; i++) {
            int c = w.at(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return null;
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(w.copy(from, end)))
                    .toString();
            return split.split(text, -1);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Where the line's content ends: before its LF, and before a CR just before the LF. */
    private static int contentEnd(Window w, int from, int lf) {
        return lf > from && w.at(lf - 1) == '\r' ? lf - 1 : lf;
    }

    private boolean isVehicle(String[] fields) {
        return fields.length > vehicleTagAt && fields[vehicleTagAt].equals(layout.vehicleTag());
    }

    private boolean isAxle(String[] fields) {
        return fields.length > axleTagAt && fields[axleTagAt].equals(layout.axleTag());
    }

    private String lineName() {
        return "axle line " + (axles.size() + 1) + " of " + head.axleCount();
    }

    private Cut<VehicleRecord> endRecord(Cut<VehicleRecord> cut) {
        clearRecord();
        return cut;
    }

    private void clearRecord() {
        head = null;
        axles.clear();
        extra.clear();
        recordBytes = 0;
    }

    private static boolean startsWith(Window w, byte[] prefix) {
        if (w.length() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (w.at(i) != (prefix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static <K extends Enum<K>> int indexOf(List<Column<K>> columns, K kind) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).kind() == kind) {
                return i;
            }
        }
        throw new IllegalStateException("no " + kind + " column");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Override
    public Class<VehicleRecord> valueType() {
        return VehicleRecord.class;
    }
}
