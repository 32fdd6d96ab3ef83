package org.nsegw.fusion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.fusion.PassageListener;
import org.osgi.service.log.Logger;

/** The component around the pure core: its thread, its listeners, its lanes, its last passages. */
class FusionTest {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
                if (args != null && args.length > 0 && args[0] instanceof String format) {
                    logged.add(method.getName() + " " + format);
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });

    @Test
    void passagesReachEveryListenerEvenWhenOneFails() throws Exception {
        Fusion fusion = new Fusion(log);
        List<Passage> received = new CopyOnWriteArrayList<>();
        PassageListener failing = p -> {
            throw new IllegalStateException("broken listener");
        };
        fusion.listeners = List.of(failing, received::add);
        fusion.addLane(new Lane(Map.of("id", "L1", "cameras", new String[] {"anpr-L1-front:front:-25", "anpr-L1-rear:rear:18"},
                "weighSensors", new String[] {"wim-L1"}), log));
        fusion.weighed(Inputs.weigh("L9", 100, 60, 30_000, 4_500)); // a lane fusion does not know: passed on at once
        await(() -> received.size() == 1);
        assertThat(received.get(0).flags()).containsExactly(PassageFlag.NO_PLATE);
        assertThat(logged).anyMatch(l -> l.startsWith("error A passage listener failed"));
        assertThat(logged).anyMatch(l -> l.startsWith("info Passage {} lane {}"));

        // a truck a minute ahead of the wall clock: the ticker leaves it waiting for its reads...
        double ahead = Duration.between(Inputs.T0, Instant.now()).toSeconds() + 60;
        fusion.weighed(Inputs.weigh("L1", ahead, 60, 30_000, 4_500));
        fusion.plateRead(Inputs.front("L1", Inputs.frontTime(ahead, 60, -25, 4_500), "浙A12345"));
        fusion.deactivate(); // ...or for the stop, which flushes
        assertThat(received).hasSize(2);
        assertThat(received.get(1).plate()).isEqualTo("浙A12345");
        assertThat(logged).filteredOn(l -> l.startsWith("warn")).as("records from 8:01 today and from a minute ahead")
                .hasSize(2).containsOnly("warn Weigh sensor {}: a record stamped {} arrived at {} ({} ms apart): fusion matches records and "
                        + "plate reads by time, so the sensor, the cameras and the gateway need one clock (NTP)");
    }

    @Test
    void aLaneThatCannotWorkIsLeftOutAndSaysWhy() {
        Lane lane = new Lane(Map.of("id", "L2", "cameras", new String[] {"anpr-L2-front:front"}), log);
        assertThat(lane.settings()).isEmpty();
        assertThat(logged).anyMatch(l -> l.startsWith("error Lane {} is left out of fusion"));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 10 s").isBefore(deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
