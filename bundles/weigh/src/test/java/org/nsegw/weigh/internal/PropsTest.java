package org.nsegw.weigh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropsTest {

    @interface Config {
        int serial_baud() default 9600;

        String[] record_vehicleFields() default {"tag", "time"};

        double groupSpacingM() default 2.0;

        boolean serial_rs485() default false;
    }

    @Test
    void anAnnotationGivesItsValuesByPropertyId() {
        Props p = Props.of(defaults(), Config.class);
        assertThat(p.integer("serial.baud")).isEqualTo(9600);
        assertThat(p.texts("record.vehicleFields")).containsExactly("tag", "time");
        assertThat(p.decimal("groupSpacingM")).isEqualTo(2.0);
        assertThat(p.bool("serial.rs485")).isFalse();
    }

    /** An instance of the annotation with its defaults, as Declarative Services would give it. */
    private static Config defaults() {
        return (Config) java.lang.reflect.Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> method.getDefaultValue());
    }

    @Test
    void mapsFromToolsAreTypedOnAccess() {
        Props p = new Props(Map.of("a", "12", "b", 3L, "c", List.of("x", "y"), "d", "true", "e", "1.5"));
        assertThat(p.integer("a")).isEqualTo(12);
        assertThat(p.integer("b")).isEqualTo(3);
        assertThat(p.texts("c")).containsExactly("x", "y");
        assertThat(p.bool("d")).isTrue();
        assertThat(p.decimal("e")).isEqualTo(1.5);
        assertThat(p.texts("missing")).isEmpty();
        assertThat(new Props(Map.of("c", new double[] {6.25e-5, 7e-5})).texts("c")).containsExactly("6.25E-5", "7.0E-5");
        assertThatThrownBy(() -> p.integer("missing")).hasMessage("missing is missing");
        assertThatThrownBy(() -> new Props(Map.of("a", "x")).integer("a")).hasMessage("a must be a whole number, not 'x'");
    }

    @Test
    void methodNamesMapAsDeclarativeServicesMapsThem() {
        assertThat(Props.id("serial_baud")).isEqualTo("serial.baud");
        assertThat(Props.id("a__b")).isEqualTo("a_b");
        assertThat(Props.id("max$_$size")).isEqualTo("max-size");
    }
}
