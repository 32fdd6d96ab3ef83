package org.nsegw.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nsegw.evidence.internal.content.Sample;
import org.osgi.service.log.Logger;

/** What the component's tests share: the sample's media in a data directory, a logger into a list, waiting, unzipping. */
final class Rig {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private Rig() {
    }

    static void writeMedia(Sample sample, Path data) throws IOException {
        // the sample registers the files of each verdict as it makes it (the same every time)
        sample.violation();
        sample.unweighed();
        sample.siteExit();
        for (Map.Entry<String, byte[]> f : sample.files.entrySet()) {
            Path file = data.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
        }
    }

    static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        return entries;
    }

    static void await(BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + DEADLINE);
            }
            Thread.onSpinWait();
        }
    }

    static Logger logger(List<String> log) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String format) {
                        String line = format;
                        for (int i = 1; i < args.length; i++) {
                            Object[] values = args[i] instanceof Object[] varargs ? varargs : new Object[] {args[i]};
                            for (Object o : values) {
                                line = line.replaceFirst("\\{}", Matcher.quoteReplacement(String.valueOf(o)));
                            }
                        }
                        log.add(method.getName() + " " + line);
                    }
                    return null;
                });
    }
}
