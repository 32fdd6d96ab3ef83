package org.nsegw.weigh.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Wrong device-profile settings fail at once, naming the key and what it must be. */
class SettingsTest {

    private static Map<String, String> modbus(String... keyValues) {
        Map<String, String> m = new HashMap<>(Map.of("modbus.unit", "1", "modbus.register", "20", "modbus.count", "2"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void modbusDefaultsReadA32BitWeightAtTheRegister() {
        ModbusSettings s = ModbusSettings.from(modbus());
        assertThat(s).isEqualTo(new ModbusSettings(1, 3, 20, 2, 0, 2, true, false, 0, -1, -1, -1, -1, WeightUnit.KG));
        assertThat(new ModbusRtuCodec(s).request()).hasValueSatisfying(r ->
                assertThat(r).isEqualTo(Fixture.hex("01 03 00 14 00 02 84 0F")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "modbus.weightWords|3|modbus.weightWords must be 1 or 2, not 3",
        "modbus.unit|0|modbus.unit must be 1 to 247, not 0",
        "modbus.unit|248|modbus.unit must be 1 to 247, not 248",
        "modbus.unit|one|modbus.unit must be a whole number, not 'one'",
        "modbus.function|6|modbus.function must be 3 (holding registers) or 4 (input registers), not 6",
        "modbus.register|70000|modbus.register must be 0 to 65535 (the address on the wire), not 70000",
        "modbus.register|65535|modbus.register 65535 plus modbus.count 2 runs past register 65535",
        "modbus.count|126|modbus.count must be 1 to 125 registers, not 126",
        "modbus.weightOffset|1|modbus.weightOffset 1 with modbus.weightWords 2 does not fit in the 2 registers read (modbus.count)",
        "modbus.decimals|7|modbus.decimals must be 0 to 6, not 7",
        "modbus.statusOffset|2|modbus.statusOffset must be -1 (none) or 0 to 1 (within modbus.count), not 2",
        "modbus.motionBit|3|modbus.motionBit is 3 but modbus.statusOffset is -1: set the status register too",
        "modbus.signed|yes|modbus.signed must be true or false, not 'yes'",
        "units|stone|units must be kg, t or lb, not 'stone'",
    })
    void modbusSettingsSayWhatIsWrong(String key, String value, String message) {
        assertThatThrownBy(() -> ModbusSettings.from(modbus(key, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void modbusStatusBitsMustBeBits() {
        assertThatThrownBy(() -> ModbusSettings.from(modbus("modbus.count", "3", "modbus.statusOffset", "2",
                "modbus.overloadBit", "16"))).hasMessage("modbus.overloadBit must be -1 (none) or 0 to 15, not 16");
        assertThatThrownBy(() -> ModbusSettings.from(Map.of("modbus.register", "1"))).hasMessage("modbus.unit is required");
    }

    @Test
    void wimDefaultsAreTheDocumentedLayout() {
        assertThat(WimRecordLayout.from(Map.of())).isEqualTo(WimRecordLayout.defaults());
        assertThat(WimRecordLayout.defaults().vehicleFields())
                .containsExactly("tag", "time", "lane", "speedKmh", "axleCount", "grossKg", "serial");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "record.vehicleFields|tag,time,lane,speedkmh,axleCount|record.vehicleFields: unknown field 'speedkmh'; use tag, time, lane, speedKmh, speedMs, axleCount, grossKg, grossT, serial, ignore, or keep:NAME to keep a field as evidence",
        "record.vehicleFields|tag,time,speedKmh|record.vehicleFields must hold axleCount once",
        "record.vehicleFields|time,speedKmh,axleCount|record.vehicleFields must hold tag once",
        "record.vehicleFields|tag,axleCount|record.vehicleFields must hold one speed: speedKmh or speedMs",
        "record.vehicleFields|tag,speedKmh,speedMs,axleCount|record.vehicleFields must hold one speed: speedKmh or speedMs",
        "record.vehicleFields|tag,speedKmh,axleCount,grossKg,grossT|record.vehicleFields may hold one gross weight (grossKg or grossT), not two",
        "record.vehicleFields|tag,speedKmh,axleCount,lane,lane|record.vehicleFields may hold lane only once",
        "record.vehicleFields|tag,speedKmh,axleCount,serial,keep:serial|record.vehicleFields keeps 'serial' twice",
        "record.vehicleFields|tag,speedKmh,axleCount,keep:|record.vehicleFields: unknown field 'keep:'; use tag, time, lane, speedKmh, speedMs, axleCount, grossKg, grossT, serial, ignore, or keep:NAME to keep a field as evidence",
        "record.axleFields|tag,loadKg|record.axleFields must hold index once",
        "record.axleFields|tag,index|record.axleFields must hold one load: loadKg or loadT",
        "record.axleFields|tag,index,loadKg,spacingMm,spacingM|record.axleFields may hold one spacing (spacingMm, spacingCm or spacingM), not more",
        "record.axleFields|tag,index,loadKg,weight|record.axleFields: unknown field 'weight'; use tag, index, loadKg, loadT, spacingMm, spacingCm, spacingM, ignore, or keep:NAME to keep a field as evidence",
        "record.delimiter|x|record.delimiter must be one or more characters other than letters, digits, '.', '+', '-', CR and LF, not 'x'",
        "record.axleTag|V|record.vehicleTag and record.axleTag must differ, both are 'V'",
        "record.vehicleTag|V,1|record.vehicleTag must be printable ASCII without spaces or the delimiter, not 'V,1'",
        "record.timeFormat|yyyyMMdd{HHmmss|record.timeFormat 'yyyyMMdd{HHmmss' is not a java.time pattern: Pattern includes reserved character: '{'",
        "record.grossTolerancePercent|two|record.grossTolerancePercent must be a number, not 'two'",
        "record.grossTolerancePercent|150|record.grossTolerancePercent must be a number up to 100 (negative: no check), not 150.0",
        "record.checksum|crc|record.checksum must be none or xor-hex, not 'crc'",
    })
    void wimLayoutSaysWhatIsWrong(String key, String value, String message) {
        assertThatThrownBy(() -> WimRecordLayout.from(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void aTimeFieldNeedsATimeFormat() {
        assertThatThrownBy(() -> WimRecordLayout.from(Map.of("record.timeFormat", " ")))
                .hasMessage("record.timeFormat is needed for the time field, e.g. yyyyMMddHHmmssSSS");
        assertThat(WimRecordLayout.from(Map.of("record.vehicleFields", "tag,speedKmh,axleCount", "record.timeFormat", " "))
                .vehicleFields()).isEqualTo(List.of("tag", "speedKmh", "axleCount"));
    }
}
