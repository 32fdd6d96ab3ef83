package org.nsegw.weigh.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsegw.weigh.internal.codec.Codec;
import org.nsegw.weigh.internal.codec.ModbusRtuCodec;
import org.nsegw.weigh.internal.codec.RawSampleCodec;
import org.nsegw.weigh.internal.driver.RawPipeline;
import org.nsegw.weigh.internal.raw.RawWimSettings;
import org.nsegw.weigh.internal.codec.ScaleReading;
import org.nsegw.weigh.internal.codec.VehicleRecord;
import org.nsegw.weigh.internal.codec.ModbusSettings;
import org.nsegw.weigh.internal.codec.SmaScp0499Codec;
import org.nsegw.weigh.internal.codec.ToledoContinuousCodec;
import org.nsegw.weigh.internal.codec.WeightUnit;
import org.nsegw.weigh.internal.codec.WimRecordCodec;
import org.nsegw.weigh.internal.codec.WimRecordLayout;
import org.nsegw.weigh.internal.codec.Xk3190Codec;
import org.nsegw.weigh.internal.driver.Pipeline;
import org.nsegw.weigh.internal.driver.ScalePipeline;
import org.nsegw.weigh.internal.driver.VehiclePipeline;
import org.nsegw.weigh.internal.weighing.StaticWeighing;

/** Builds the pipeline a weigh sensor's protocol needs, from its settings. Pure. */
public final class Pipelines {

    private Pipelines() {
    }

    /**
     * @param p the device's settings: a configuration (with its defaults) or a profile's typed settings
     * @throws IllegalArgumentException with a message an installer can act on, when the settings cannot work
     */
    public static Pipeline create(Props p) {
        if (p.text("protocol").equals("wim-raw")) {
            return new RawPipeline(rawSettings(p));
        }
        Codec<?> codec = codec(p);
        if (codec.valueType() == VehicleRecord.class) {
            return new VehiclePipeline(vehicles(codec), p.decimal("groupSpacingM"));
        }
        return new ScalePipeline(readings(codec), staticWeighing(p), unit(p));
    }

    /**
     * The codec of the device's protocol alone, for tools that show what a device sends ({@code nsegw decode}).
     *
     * @throws IllegalArgumentException with a message an installer can act on
     */
    public static Codec<?> codec(Props p) {
        String protocol = p.text("protocol");
        return switch (protocol) {
            case "toledo-continuous" -> new ToledoContinuousCodec();
            case "xk3190" -> new Xk3190Codec();
            case "sma-scp0499" -> new SmaScp0499Codec();
            case "modbus-rtu" -> new ModbusRtuCodec(ModbusSettings.from(given(p, "modbus.")));
            case "wim-record" -> new WimRecordCodec(WimRecordLayout.from(given(p, "record.")));
            case "wim-raw" -> new RawSampleCodec();
            default -> throw new IllegalArgumentException("protocol " + protocol + " is not supported by this version");
        };
    }

    @SuppressWarnings("unchecked")
    private static Codec<VehicleRecord> vehicles(Codec<?> codec) {
        return (Codec<VehicleRecord>) codec;
    }

    @SuppressWarnings("unchecked")
    private static Codec<ScaleReading> readings(Codec<?> codec) {
        return (Codec<ScaleReading>) codec;
    }

    /**
     * The raw front-end's settings; sensor geometry and calibration are left out while they are 0 (not given), so
     * that the settings say which is missing. Axle groups use the sensor's {@code groupSpacingM}.
     */
    static RawWimSettings rawSettings(Props p) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (String key : p.keys()) {
            if (key.startsWith("raw.")) {
                boolean notGiven = (key.equals(RawWimSettings.ROW_SPACING) || key.equals(RawWimSettings.SENSOR_LENGTH))
                        && p.decimal(key) == 0 || key.equals(RawWimSettings.CALIBRATION) && p.texts(key).isEmpty();
                if (!notGiven) {
                    raw.put(key, key.equals(RawWimSettings.CALIBRATION) ? p.texts(key) : p.text(key));
                }
            }
        }
        raw.put(RawWimSettings.GROUP_SPACING, p.text("groupSpacingM"));
        return RawWimSettings.of(raw);
    }

    static StaticWeighing staticWeighing(Props p) {
        return new StaticWeighing(new StaticWeighing.Settings(p.integer("static.thresholdKg"),
                Duration.ofMillis(p.integer("static.stableMs")), p.integer("static.toleranceKg")));
    }

    static WeightUnit unit(Props p) {
        return switch (p.text("units")) {
            case "t" -> WeightUnit.T;
            case "lb" -> WeightUnit.LB;
            default -> WeightUnit.KG;
        };
    }

    /**
     * The settings under {@code prefix} as the codecs' settings read them (text, lists comma-separated), leaving out
     * -1 and 0 where they mean "not given" ({@code modbus.unit}, {@code modbus.register}, {@code modbus.count}), so that
     * the codec says what is missing.
     */
    static Map<String, String> given(Props p, String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : p.keys()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            String v = p.text(key);
            boolean notGiven = (key.equals("modbus.unit") || key.equals("modbus.register")) && v.equals("-1")
                    || key.equals("modbus.count") && v.equals("0");
            if (!notGiven) {
                m.put(key, v);
            }
        }
        m.put("units", p.text("units"));
        return m;
    }
}
