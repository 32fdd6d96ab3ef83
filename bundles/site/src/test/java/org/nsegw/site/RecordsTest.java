package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The small value types of the package. */
class RecordsTest {

    @Test
    void locationsPrintLikeCompilerMessages() {
        assertThat(new Location("site.yaml", 3, 7)).hasToString("site.yaml:3:7");
        assertThat(new Location("site.yaml", 3, 0)).hasToString("site.yaml:3");
        assertThat(new Location("site.yaml", 0, 7)).hasToString("site.yaml");
        assertThat(Location.of("site.yaml")).isEqualTo(new Location("site.yaml", 0, 0)).hasToString("site.yaml");
        assertThatThrownBy(() -> new Location(null, 1, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void problemsPrintWithTheirLocation() {
        assertThat(new Problem(new Location("a.yaml", 2, 3), "wrong")).hasToString("a.yaml:2:3: wrong");
        assertThat(new Problem(Location.of("a.yaml"), "empty")).hasToString("a.yaml: empty");
        assertThatThrownBy(() -> new Problem(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Problem(Location.of("a"), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void problemsSortByFileLineAndColumn() {
        Problem b11 = new Problem(new Location("b.yaml", 1, 1), "1");
        Problem a21 = new Problem(new Location("a.yaml", 2, 1), "2");
        Problem a13 = new Problem(new Location("a.yaml", 1, 3), "3");
        Problem a0 = new Problem(Location.of("a.yaml"), "4");
        Problem a12 = new Problem(new Location("a.yaml", 1, 2), "5");
        assertThat(List.of(b11, a21, a13, a0, a12).stream().sorted(Problem.BY_LOCATION).toList())
                .containsExactly(a0, a12, a13, a21, b11);
    }

    @Test
    void aPlanSortsAndDeduplicatesItsProblems() {
        Problem late = new Problem(new Location("s.yaml", 9, 1), "late");
        Problem early = new Problem(new Location("s.yaml", 2, 5), "early");
        Problem sameLocationFirst = new Problem(new Location("s.yaml", 2, 5), "also early");
        SitePlan plan = new SitePlan("s.yaml", "", List.of(), List.of(late, early, sameLocationFirst, late, early));
        assertThat(plan.problems()).containsExactly(early, sameLocationFirst, late);
        assertThat(plan.isValid()).isFalse();
        assertThat(new SitePlan("s.yaml", "gw", List.of(), List.of()).isValid()).isTrue();
        assertThatThrownBy(() -> plan.problems().add(late)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void plannedConfigurations() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", "wim-L1");
        props.put("levels", new String[] {"a=DEBUG", "b=INFO"});
        props.put("password", "hunter2");
        props.put("baud", 9600);
        props.put("empty", new Integer[0]);
        PlannedConfiguration factory = new PlannedConfiguration("org.nsegw.weigh.sensor", "wim-L1", props);
        assertThat(factory.isFactory()).isTrue();
        assertThat(factory.displayId()).isEqualTo("org.nsegw.weigh.sensor~wim-L1");
        assertThat(factory.describe(Set.of("password")))
                .isEqualTo("org.nsegw.weigh.sensor~wim-L1 {id=wim-L1, levels=[a=DEBUG, b=INFO], password=********, baud=9600, empty=[]}");
        assertThat(factory.describe(Set.of())).contains("password=hunter2");
        assertThat(factory.property("baud")).contains(9600);
        assertThat(factory.property("nope")).isEmpty();

        props.put("later", "not seen");
        assertThat(factory.properties()).doesNotContainKey("later");
        assertThatThrownBy(() -> factory.properties().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);

        PlannedConfiguration singleton = new PlannedConfiguration("org.nsegw.log", "", Map.of());
        assertThat(singleton.isFactory()).isFalse();
        assertThat(singleton.displayId()).isEqualTo("org.nsegw.log");
        assertThat(singleton.describe(Set.of())).isEqualTo("org.nsegw.log {}");
    }

    @ParameterizedTest
    @EnumSource(ValueType.class)
    void everyValueTypeIsFoundByItsMetatypeName(ValueType type) {
        String xmlName = switch (type) {
            case STRING -> "String";
            case LONG -> "Long";
            case INTEGER -> "Integer";
            case SHORT -> "Short";
            case CHARACTER -> "Character";
            case BYTE -> "Byte";
            case DOUBLE -> "Double";
            case FLOAT -> "Float";
            case BOOLEAN -> "Boolean";
            case PASSWORD -> "Password";
        };
        assertThat(ValueType.ofXmlName(xmlName)).contains(type);
        assertThat(ValueType.ofXmlName(xmlName.toLowerCase())).isEmpty();
        assertThat(type.isWholeNumber()).isEqualTo(List.of(ValueType.LONG, ValueType.INTEGER, ValueType.SHORT, ValueType.BYTE).contains(type));
        assertThat(type.isDecimal()).isEqualTo(type == ValueType.DOUBLE || type == ValueType.FLOAT);
        assertThat(type.javaType().getPackageName()).isEqualTo("java.lang");
    }

    @Test
    void valueTypesDescribeThemselvesForMessages() {
        assertThat(ValueType.STRING.describe()).isEqualTo("text");
        assertThat(ValueType.PASSWORD.describe()).isEqualTo("text");
        assertThat(ValueType.PASSWORD.javaType()).isEqualTo(String.class);
        assertThat(ValueType.CHARACTER.describe()).isEqualTo("a single character");
        assertThat(ValueType.BOOLEAN.describe()).isEqualTo("true or false");
        assertThat(ValueType.FLOAT.describe()).isEqualTo("a number");
        assertThat(ValueType.BYTE.describe()).isEqualTo("a whole number");
        assertThat(ValueType.BYTE.javaType()).isEqualTo(Byte.class);
    }

    @Test
    void schemasFillInWhatIsMissing() {
        PropertySchema p = new PropertySchema("a", null, null, ValueType.STRING, 0, true, List.of(), null, null, List.of());
        assertThat(p.name()).isEqualTo("a");
        assertThat(p.description()).isEmpty();
        assertThat(p.minimum()).isEmpty();
        assertThat(p.maximum()).isEmpty();
        ConfigSchema s = ConfigSchema.of("pid", false, null, null, List.of(p, p));
        assertThat(s.name()).isEqualTo("pid");
        assertThat(s.description()).isEmpty();
        assertThat(s.properties()).containsOnlyKeys("a");
        assertThatThrownBy(() -> s.properties().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void indexKeepsTheLastSchemaOfAPid() {
        ConfigSchema first = ConfigSchema.of("p", false, "first", "", List.of());
        ConfigSchema second = ConfigSchema.of("p", true, "second", "", List.of());
        assertThat(SiteCompiler.index(List.of(first, second))).containsOnly(Map.entry("p", second));
    }
}
