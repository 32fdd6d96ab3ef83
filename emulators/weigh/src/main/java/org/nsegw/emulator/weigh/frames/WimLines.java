package org.nsegw.emulator.weigh.frames;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nsegw.api.weigh.Axle;
import org.nsegw.emulator.traffic.EmulatedVehicle;

/** A WIM controller's per-vehicle record: a vehicle line, then one line per axle, laid out by a {@link WimLineLayout}. */
public final class WimLines {

    private WimLines() {
    }

    /** The record of a vehicle, its gross the sum of its axle loads. */
    public static byte[] render(EmulatedVehicle v, WimLineLayout layout) {
        return render(v, v.grossKg(), layout);
    }

    /** The record of a vehicle with the gross the controller reports (to emulate a controller that disagrees). */
    public static byte[] render(EmulatedVehicle v, int grossKg, WimLineLayout layout) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern(layout.timeFormat(), Locale.ROOT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> fields = new ArrayList<>();
        for (String f : layout.vehicleFields()) {
            fields.add(switch (f) {
                case "tag" -> layout.vehicleTag();
                case "time" -> time.format(v.time().atZone(layout.zone()).toLocalDateTime());
                case "lane" -> v.lane();
                case "speedKmh" -> BigDecimal.valueOf(v.speedKmh()).setScale(1, RoundingMode.HALF_UP).toPlainString();
                case "speedMs" -> BigDecimal.valueOf(v.speedKmh()).divide(BigDecimal.valueOf(36, 1), 3, RoundingMode.HALF_UP).toPlainString();
                case "axleCount" -> String.valueOf(v.axles().size());
                case "grossKg" -> String.valueOf(grossKg);
                case "grossT" -> BigDecimal.valueOf(grossKg, 3).toPlainString();
                case "serial" -> String.valueOf(v.serial());
                case "ignore" -> "-";
                case "keep:plate" -> v.frontPlate();
                case "keep:rearPlate" -> v.rearPlate();
                case "keep:class" -> v.kind().name();
                default -> {
                    if (!f.startsWith("keep:")) {
                        throw new IllegalArgumentException("unknown vehicle field " + f);
                    }
                    yield "";
                }
            });
        }
        line(out, fields, layout);
        for (int i = 0; i < v.axles().size(); i++) {
            Axle a = v.axles().get(i);
            fields.clear();
            for (String f : layout.axleFields()) {
                fields.add(switch (f) {
                    case "tag" -> layout.axleTag();
                    case "index" -> String.valueOf(i + 1);
                    case "loadKg" -> String.valueOf(a.loadKg());
                    case "loadT" -> BigDecimal.valueOf(a.loadKg(), 3).toPlainString();
                    case "spacingMm" -> String.valueOf(a.spacingToPreviousMm());
                    case "spacingCm" -> BigDecimal.valueOf(a.spacingToPreviousMm(), 1).toPlainString();
                    case "spacingM" -> BigDecimal.valueOf(a.spacingToPreviousMm(), 3).toPlainString();
                    case "ignore" -> "-";
                    default -> {
                        if (!f.startsWith("keep:")) {
                            throw new IllegalArgumentException("unknown axle field " + f);
                        }
                        yield a.tyres().name();
                    }
                });
            }
            line(out, fields, layout);
        }
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, List<String> fields, WimLineLayout layout) {
        byte[] text = String.join(layout.delimiter(), fields).getBytes(StandardCharsets.UTF_8);
        out.writeBytes(text);
        if (layout.xorHex()) {
            int xor = 0;
            for (byte b : text) {
                xor ^= b & 0xFF;
            }
            out.writeBytes((layout.delimiter() + String.format("%02X", xor)).getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(layout.crlf() ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
    }
}
