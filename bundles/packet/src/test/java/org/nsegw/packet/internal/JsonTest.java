package org.nsegw.packet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The canonical form against RFC 8785's own examples, and the strict reader. */
class JsonTest {

    @Test
    void sortsPropertiesByUtf16CodeUnitsAsRfc8785Section3_2_3() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("\u20ac", "Euro Sign");
        input.put("\r", "Carriage Return");
        input.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        input.put("1", "One");
        input.put("\ud83d\ude00", "Emoji: Grinning Face");
        input.put("\u0080", "Control");
        input.put("\u00f6", "Latin Small Letter O With Diaeresis");
        String canonical = new String(Json.canonical(input), StandardCharsets.UTF_8);
        assertThat(canonical).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void escapesStringsAsRfc8785Section3_2_2() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("string", "\u20ac$\u000F\nA'B\"\\\\\"/");
        input.put("literals", Arrays.asList(null, true, false));
        assertThat(new String(Json.canonical(input), StandardCharsets.UTF_8))
                .isEqualTo("{\"literals\":[null,true,false],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void recognisesTheCanonicalFormOfRfc8785Section3_2_2() {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        String output = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertThat(Json.isCanonical(input.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Json.isCanonical(output.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Json.parse(input.getBytes(StandardCharsets.UTF_8))).isInstanceOf(Map.class);
    }

    @Test
    void writesIntegersUpToTwoToTheFiftyThreeExactly() {
        assertThat(new String(Json.canonical(List.of(0, -1, Json.MAX_INTEGER, -Json.MAX_INTEGER)), StandardCharsets.UTF_8))
                .isEqualTo("[0,-1,9007199254740991,-9007199254740991]");
    }

    @Test
    void controlCharactersAndNonAsciiText() {
        assertThat(new String(Json.canonical(List.of("\u0000\u001f\b\t\f\r\u007f\u2028浙")), StandardCharsets.UTF_8))
                .isEqualTo("[\"\\u0000\\u001f\\b\\t\\f\\r\u007f\u2028浙\"]");
    }

    @Test
    void readsStrictJsonOnly() {
        assertThat(Json.parse("{\"a\":[1,-2,true,null,\"x\\u0041\"],\"b\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(mapOf("a", Arrays.asList(1L, -2L, true, null, "xA"), "b", Map.of()));
        for (String bad : List.of("", "{", "{\"a\":1,\"a\":2}", "[01]", "[1,]", "{\"a\" 1}", "[\"\u0001\"]", "tru",
                "[1] x", "[\"\\x\"]", "[-]", "[1.]", "[1e]", "{a:1}")) {
            assertThatThrownBy(() -> Json.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Json.parse(new byte[] {'"', (byte) 0xc3, '"'})).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> Json.parse("[".repeat(100).getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("deeper");
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
