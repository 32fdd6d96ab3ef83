package org.nsegw.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.rules.VerdictListener;
import org.nsegw.api.vision.ObservationKind;
import org.osgi.service.log.Logger;

/** The component's fan-out, built directly: one verdict per passage to every listener, whatever one of them does. */
class RulesEngineTest {

    private final List<String> log = new ArrayList<>();
    private final RulesEngine engine = new RulesEngine(logger(), ZoneId.of("Asia/Shanghai"));

    @Test
    void everyListenerGetsTheOneVerdictEvenWhenAnotherThrows() {
        List<Verdict> first = new ArrayList<>();
        List<Verdict> last = new ArrayList<>();
        VerdictListener broken = v -> {
            throw new IllegalStateException("disk full");
        };
        engine.listeners(List.of(first::add, broken, last::add));
        engine.use(new OverweightSettings(0, Map.of(), 5, 1, "OW"), new CleanlinessSettings(0.8, 0.8, 0.8, Set.of(), "CL"));

        engine.passage(Traffic.row(6, VehicleKind.COMBINATION, 52_300).observed(ObservationKind.MUDDY_VEHICLE, 0.9)
                .passage());

        assertThat(first).hasSize(1);
        assertThat(last).containsExactlyElementsOf(first);
        assertThat(first.get(0).outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(first.get(0).enforcementCode()).isEqualTo("OW");
        assertThat(log).anyMatch(l -> l.startsWith("error A verdict listener failed"));
        assertThat(log).anyMatch(l -> l.startsWith("info Verdict ") && l.contains("VIOLATION")
                && l.contains("OVERWEIGHT_STATUTORY, MUDDY_VEHICLE"));
    }

    @Test
    void withoutRulesEveryPassageIsCompliant() {
        List<Verdict> got = new ArrayList<>();
        engine.listeners(List.of(got::add));
        engine.passage(Traffic.row(6, VehicleKind.COMBINATION, 90_000).passage());
        assertThat(got).singleElement().extracting(Verdict::outcome).isEqualTo(Outcome.COMPLIANT);
    }

    @Test
    void anUnverifiedDeviceRaisesOneAlarmPerDay() {
        engine.use(new OverweightSettings(0, Map.of(), 5, 2, "OW"), null);
        Instant morning = Instant.parse("2026-11-23T00:30:00Z");
        for (int i = 0; i < 3; i++) {
            engine.passage(Traffic.row(2, VehicleKind.TRUCK, 12_000 + i).verification(null)
                    .at(morning.plusSeconds(i * 3_600L)).passage());
        }
        // 16:30 UTC is the next day in Hangzhou
        engine.passage(Traffic.row(2, VehicleKind.TRUCK, 12_000).verification(null)
                .at(Instant.parse("2026-11-23T16:30:00Z")).passage());
        engine.passage(Traffic.row(2, VehicleKind.TRUCK, 12_000).verification(null).lane("L2").at(morning).passage());

        assertThat(log.stream().filter(l -> l.startsWith("warn ALARM"))).hasSize(3)
                .allMatch(l -> l.contains("VERIFICATION_MISSING"))
                .anyMatch(l -> l.contains("wim-L2"));
    }

    @Test
    void settingsComponentsComeAndGoAndAReplacementOutlivesTheOneItReplaces() {
        List<Verdict> got = new ArrayList<>();
        engine.listeners(List.of(got::add));
        OverweightRules first = new OverweightRules(Map.of("postedLimitKg", 40_000, "tolerancePercent", 5), logger());
        OverweightRules second = new OverweightRules(Map.of("postedLimitKg", 10_000, "tolerancePercent", 5), logger());
        CleanlinessRules gate = new CleanlinessRules(Map.of("haulers", new String[] {"浙A3K725"}), logger());
        org.nsegw.api.fusion.Passage fifteenTonnes = Traffic.row(2, VehicleKind.TRUCK, 15_000).passage();

        engine.setOverweight(first);
        engine.passage(fifteenTonnes);
        // a configuration update: the new component is bound before the old one goes
        engine.setOverweight(second);
        engine.unsetOverweight(first);
        engine.passage(fifteenTonnes);
        engine.setCleanliness(gate);
        engine.passage(fifteenTonnes);
        engine.unsetOverweight(second);
        engine.unsetCleanliness(gate);
        engine.passage(fifteenTonnes);

        assertThat(got).extracting(v -> v.outcome() + " " + String.join(",", StatutoryTableTest.codes(v))).containsExactly(
                "COMPLIANT WITHIN_LIMITS",
                "VIOLATION OVERWEIGHT_POSTED",
                "VIOLATION OVERWEIGHT_POSTED,UNREGISTERED_HAULER",
                "COMPLIANT ");
    }

    /** A logger that writes "level message" lines, placeholders filled in order. */
    private Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String format) {
                        String line = format;
                        for (int i = 1; i < args.length; i++) {
                            Object a = args[i];
                            if (a instanceof Object[] varargs) {
                                for (Object o : varargs) {
                                    line = line.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(String.valueOf(o)));
                                }
                            } else {
                                line = line.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(String.valueOf(a)));
                            }
                        }
                        log.add(method.getName() + " " + line);
                    }
                    return null;
                });
    }
}
