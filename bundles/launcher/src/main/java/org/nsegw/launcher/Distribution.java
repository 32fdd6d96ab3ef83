package org.nsegw.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.nsegw.site.ConfigSchema;
import org.nsegw.site.MetatypeXml;

/**
 * Where the gateway's files are: the distribution ({@code lib/} with the launcher's class path, {@code bundles/}
 * with what the framework installs) and the home folder with {@code edge-config/} and {@code device-profiles/}.
 *
 * @param dist the distribution folder
 * @param home the folder with {@code edge-config/} and {@code device-profiles/} (a checkout or an installation)
 */
record Distribution(Path dist, Path home) {

    /** Found from the system properties the {@code nsegw} script sets, or else from where this class was loaded. */
    static Distribution locate() {
        Path dist = property("nsegw.dist").orElseGet(Distribution::fromCodeSource);
        Path home = property("nsegw.home").orElse(Path.of("").toAbsolutePath());
        return new Distribution(dist, home);
    }

    private static java.util.Optional<Path> property(String name) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(v).toAbsolutePath());
    }

    private static Path fromCodeSource() {
        try {
            Path jar = Path.of(Nsegw.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent(); // lib/launcher.jar -> dist
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the launcher is installed", e);
        }
    }

    /** The command that runs {@code nsegw ARGS} in a new JVM on this distribution. */
    List<String> command(String... args) {
        // UTF-8 whatever the locale, as the nsegw script does: plates, names and logs are Chinese
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
                "-cp", dist.resolve("lib") + "/*", "-Dnsegw.dist=" + dist, "-Dnsegw.home=" + home, Nsegw.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    Path bundles() {
        return dist.resolve("bundles");
    }

    Path profiles() {
        return home.resolve("device-profiles");
    }

    Path examples() {
        return home.resolve("edge-config");
    }

    /** The bundle jars, in the order the framework installs and starts them. */
    List<Path> bundleJars() throws IOException {
        if (!Files.isDirectory(bundles())) {
            throw new IOException("no bundles in " + bundles() + "; build the gateway first (./nsegw build)");
        }
        try (Stream<Path> files = Files.list(bundles())) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted(Comparator.comparing(Distribution::startOrder)
                    .thenComparing(p -> p.getFileName().toString())).toList();
        }
    }

    /**
     * The start level of a bundle: libraries and OSGi services first, then the API and the log writer (so that it
     * records the other bundles' start and, being stopped last among ours, their shutdown), then the rest of the
     * gateway in pipeline order, the sensors last. A framework stops the higher levels first, so at shutdown the
     * sensors stop before fusion, and fusion (which hands on every pending passage when it stops) before the rules and
     * the journal that must still receive them.
     */
    static int startOrder(Path jar) {
        String name = jar.getFileName().toString();
        if (!name.startsWith("org.nsegw.")) {
            return 1;
        }
        if (name.startsWith("org.nsegw.api-")) {
            return 2;
        }
        if (name.startsWith("org.nsegw.log-")) {
            return 3;
        }
        if (name.startsWith("org.nsegw.rules-")) {
            return 5;
        }
        if (name.startsWith("org.nsegw.remote-")) {
            return 5; // after the site configurator and the uplink whose broker it uses; stopped before them
        }
        if (name.startsWith("org.nsegw.fusion-")) {
            return 6;
        }
        if (name.startsWith("org.nsegw.weigh-") || name.startsWith("org.nsegw.anpr-") || name.startsWith("org.nsegw.vision-")) {
            return 7;
        }
        if (name.startsWith("org.nsegw.console-")) {
            return 7; // it only watches: after the pipeline it feeds on (its first start makes a key), first to stop
        }
        return 4;
    }

    /** The highest start level {@link #startOrder} gives. */
    static final int TOP_START_LEVEL = 7;

    /** The metatype of every bundle, read from the jars, to check site files without starting the framework. */
    List<ConfigSchema> schemas() throws IOException {
        List<ConfigSchema> schemas = new ArrayList<>();
        for (Path jar : bundleJars()) {
            schemas.addAll(MetatypeXml.readJar(jar));
        }
        return schemas;
    }
}
