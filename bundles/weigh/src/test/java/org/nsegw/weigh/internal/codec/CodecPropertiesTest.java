package org.nsegw.weigh.internal.codec;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Group;

/** The laws of {@link CodecLaws}, for every codec. */
class CodecPropertiesTest {

    @Group
    class Toledo extends CodecLaws.Checked<ScaleReading> {
        Codec<ScaleReading> codec() {
            return new ToledoContinuousCodec();
        }

        Arbitrary<Sample<ScaleReading>> samples() {
            return Sample.toledo();
        }

        Arbitrary<byte[]> garbage() {
            return Sample.garbageWithout(0x02);
        }
    }

    @Group
    class Xk3190 extends CodecLaws.Checked<ScaleReading> {
        Codec<ScaleReading> codec() {
            return new Xk3190Codec();
        }

        Arbitrary<Sample<ScaleReading>> samples() {
            return Sample.xk3190();
        }

        Arbitrary<byte[]> garbage() {
            return Sample.garbageWithout(0x02);
        }
    }

    @Group
    class Sma extends CodecLaws<ScaleReading> {
        Codec<ScaleReading> codec() {
            return new SmaScp0499Codec();
        }

        Arbitrary<Sample<ScaleReading>> samples() {
            return Sample.sma();
        }

        Arbitrary<byte[]> garbage() {
            return Sample.garbageWithout('\n');
        }
    }

    @Group
    class Modbus extends CodecLaws.Checked<ScaleReading> {
        Codec<ScaleReading> codec() {
            return new ModbusRtuCodec(Sample.MODBUS);
        }

        Arbitrary<Sample<ScaleReading>> samples() {
            return Sample.modbus();
        }

        Arbitrary<byte[]> garbage() {
            return Sample.modbusGarbage();
        }
    }

    @Group
    class WimPlain extends CodecLaws<VehicleRecord> {
        Codec<VehicleRecord> codec() {
            return new WimRecordCodec(Sample.wimLayout(false));
        }

        Arbitrary<Sample<VehicleRecord>> samples() {
            return Sample.wim(false);
        }

        Arbitrary<byte[]> garbage() {
            return Sample.wimGarbage();
        }
    }

    @Group
    class WimXorHex extends CodecLaws.Checked<VehicleRecord> {
        Codec<VehicleRecord> codec() {
            return new WimRecordCodec(Sample.wimLayout(true));
        }

        Arbitrary<Sample<VehicleRecord>> samples() {
            return Sample.wim(true);
        }

        Arbitrary<byte[]> garbage() {
            return Sample.wimGarbage();
        }
    }
}
