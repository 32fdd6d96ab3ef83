package org.nsegw.emulator.weigh.frames;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How an emulated WIM controller writes its records: the same {@code record.*} settings the gateway's device profile
 * gives, plus the controller's time zone and line end.
 *
 * @param delimiter     between fields
 * @param vehicleTag    the tag of a vehicle line
 * @param vehicleFields fields of a vehicle line: tag time lane speedKmh speedMs axleCount grossKg grossT serial
 *                      ignore keep:NAME (keep:plate, keep:rearPlate and keep:class are filled, other names are empty)
 * @param axleTag       the tag of an axle line
 * @param axleFields    fields of an axle line: tag index loadKg loadT spacingMm spacingCm spacingM ignore keep:NAME
 * @param timeFormat    a java.time pattern for the time field
 * @param zone          the controller's local time zone
 * @param xorHex        every line ends with a field of two hex digits, the XOR of the line's bytes before it
 * @param crlf          lines end with CR LF (else LF)
 */
public record WimLineLayout(String delimiter, String vehicleTag, List<String> vehicleFields, String axleTag,
        List<String> axleFields, String timeFormat, ZoneId zone, boolean xorHex, boolean crlf) {

    /** China Standard Time, as the controllers on Zhejiang bridges keep it. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public WimLineLayout {
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(vehicleTag, "vehicleTag");
        Objects.requireNonNull(axleTag, "axleTag");
        Objects.requireNonNull(zone, "zone");
        vehicleFields = List.copyOf(vehicleFields);
        axleFields = List.copyOf(axleFields);
    }

    /** The documented example layout: {@code V,time,lane,speedKmh,axleCount,grossKg,serial}, {@code A,index,loadKg,spacingMm}. */
    public static WimLineLayout defaults() {
        return new WimLineLayout(",", "V", List.of("tag", "time", "lane", "speedKmh", "axleCount", "grossKg", "serial"),
                "A", List.of("tag", "index", "loadKg", "spacingMm"), "yyyyMMddHHmmssSSS", CHINA, false, false);
    }

    public WimLineLayout withXorHex(boolean on) {
        return new WimLineLayout(delimiter, vehicleTag, vehicleFields, axleTag, axleFields, timeFormat, zone, on, crlf);
    }

    public WimLineLayout withCrlf(boolean on) {
        return new WimLineLayout(delimiter, vehicleTag, vehicleFields, axleTag, axleFields, timeFormat, zone, xorHex, on);
    }
}
