package org.nsegw.weigh.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the byte fixtures of {@code src/test/resources/fixtures/<protocol>/}: fed at once, and again one byte at a
 * time, each must give exactly the expected outcomes, requests and pending bytes.
 */
class FixtureReplayTest {

    static Stream<Fixture> toledo() {
        return Fixture.all("toledo");
    }

    static Stream<Fixture> xk3190() {
        return Fixture.all("xk3190");
    }

    static Stream<Fixture> sma() {
        return Fixture.all("sma");
    }

    static Stream<Fixture> modbus() {
        return Fixture.all("modbus");
    }

    static Stream<Fixture> wim() {
        return Fixture.all("wim");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toledo")
    void toledoContinuous(Fixture f) {
        replay(f, ToledoContinuousCodec::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xk3190")
    void xk3190(Fixture f) {
        replay(f, Xk3190Codec::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sma")
    void smaScp0499(Fixture f) {
        replay(f, SmaScp0499Codec::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modbus")
    void modbusRtu(Fixture f) {
        replay(f, () -> new ModbusRtuCodec(ModbusSettings.from(f.settings())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wim")
    void wimRecord(Fixture f) {
        replay(f, () -> new WimRecordCodec(WimRecordLayout.from(f.settings())));
    }

    private static <T> void replay(Fixture f, Supplier<Codec<T>> codecs) {
        assertThat(f.expected()).as("a fixture expects something").isNotEmpty();
        for (boolean byteByByte : new boolean[] {false, true}) {
            Codec<T> codec = codecs.get();
            if (f.request() != null) {
                assertThat(codec.request()).hasValueSatisfying(r ->
                        assertThat(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(r)).isEqualTo(f.request()));
            }
            List<Decoded<T>> out = new ArrayList<>(byteByByte
                    ? Outcomes.feedChunked(codec, f.input(), List.of(1))
                    : codec.feed(f.input()));
            if (f.timeout()) {
                out.addAll(codec.timeout());
            }
            Outcomes.assertMatch(f.expected(), out);
            assertThat(codec.pending()).as("pending").isEqualTo(f.pending());
            byte[] covered = Outcomes.raw(out);
            assertThat(Arrays.copyOf(f.input(), covered.length)).isEqualTo(covered);
            assertThat(covered.length + codec.pending()).isEqualTo(f.input().length);
        }
    }
}
