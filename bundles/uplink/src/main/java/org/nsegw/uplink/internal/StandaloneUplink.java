package org.nsegw.uplink.internal;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import org.nsegw.outbox.Outbox;
import org.nsegw.uplink.internal.protocol.Topics;
import org.osgi.service.log.Logger;

/**
 * The uplink's {@link Courier} on its Paho MQTT 5 link without OSGi, for {@code nsegw bench uplink}: the same sender
 * the gateway runs, over plain TCP without credentials. Warnings and errors go to standard error.
 */
public final class StandaloneUplink implements AutoCloseable {

    private final Courier courier;

    private StandaloneUplink(Courier courier) {
        this.courier = courier;
    }

    /**
     * Starts sending the outbox's cases.
     *
     * @param broker {@code tcp://host:port}
     */
    public static StandaloneUplink start(Outbox outbox, String broker, String prefix, String gatewayId, int maxChunkKb) {
        Topics topics = new Topics(prefix, gatewayId);
        PahoV5Link link = new PahoV5Link(new PahoV5Link.Settings(broker, gatewayId, "", "", 60, 3600, null, topics.ack(),
                Courier.will(topics, gatewayId)));
        Courier courier = new Courier(outbox, link, new Courier.Settings(topics, gatewayId, maxChunkKb, 60, 600, "standalone"),
                Clock.systemUTC(), stderr());
        courier.start();
        return new StandaloneUplink(courier);
    }

    public boolean connected() {
        return courier.connected();
    }

    /** The courier's counters: connects, notices, chunks, chunkBytes, casesSent, verified, ... */
    public Map<String, Long> counters() {
        return courier.counters();
    }

    @Override
    public void close() throws InterruptedException {
        courier.stop();
    }

    /** An OSGi logger that prints warnings and errors, placeholders filled in. */
    private static Logger stderr() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
            if (method.getReturnType() == boolean.class) {
                return method.getName().equals("isWarnEnabled") || method.getName().equals("isErrorEnabled");
            }
            if (method.getReturnType() == String.class) {
                return "uplink";
            }
            String level = method.getName();
            if ((level.equals("warn") || level.equals("error")) && args != null && args.length > 0 && args[0] instanceof String format) {
                Object[] values = args.length == 2 && args[1] instanceof Object[] varargs ? varargs
                        : java.util.Arrays.copyOfRange(args, 1, args.length);
                StringBuilder out = new StringBuilder(level.toUpperCase()).append(' ');
                int next = 0;
                int from = 0;
                for (int i = format.indexOf("{}"); i >= 0; i = format.indexOf("{}", from)) {
                    out.append(format, from, i).append(next < values.length ? values[next++] : "{}");
                    from = i + 2;
                }
                System.err.println(out.append(format.substring(from)));
            }
            return null;
        });
    }
}
