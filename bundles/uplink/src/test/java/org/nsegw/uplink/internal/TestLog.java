package org.nsegw.uplink.internal;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/** An OSGi {@link Logger} that prints to stdout and keeps the messages (placeholders filled in) for assertions. */
final class TestLog {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
                if (method.getReturnType() == boolean.class) {
                    return true;
                }
                if (method.getReturnType() == String.class) {
                    return "test";
                }
                if (args != null && args.length > 0 && args[0] instanceof String format) {
                    String line = method.getName().toUpperCase() + " " + fill(format, args);
                    lines.add(line);
                    System.out.println(line);
                }
                return null;
            });

    private static String fill(String format, Object[] args) {
        Object[] values = args.length == 2 && args[1] instanceof Object[] varargs ? varargs
                : java.util.Arrays.copyOfRange(args, 1, args.length);
        StringBuilder out = new StringBuilder();
        int next = 0;
        int from = 0;
        for (int i = format.indexOf("{}"); i >= 0; i = format.indexOf("{}", from)) {
            out.append(format, from, i).append(next < values.length ? values[next++] : "{}");
            from = i + 2;
        }
        return out.append(format.substring(from)).toString();
    }
}
