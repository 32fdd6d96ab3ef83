package org.nsegw.kura.dp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an OSGi deployment package (OSGi Compendium 114): a JAR whose manifest names the package
 * ({@code DeploymentPackage-SymbolicName}, {@code DeploymentPackage-Version}) and has one {@code Name:} section per
 * bundle with the bundle's {@code Bundle-SymbolicName} and {@code Bundle-Version}, followed by the bundles. The
 * manifest is the first entry, as a deployment package's stream requires; the bundles follow in the order they are
 * to be installed and started ({@link #installOrder}). Entry times are fixed, so the same jars give the same bytes.
 *
 * <p>Usage: {@code DeploymentPackageWriter OUT.dp SYMBOLIC-NAME VERSION NAME TIMESTAMP BUNDLE-DIR}.
 */
public final class DeploymentPackageWriter {

    /** One bundle of the package. */
    public record Bundle(Path jar, String symbolicName, String version) {

        /** Reads the bundle's identity from its manifest. */
        public static Bundle of(Path jar) throws IOException {
            try (JarFile j = new JarFile(jar.toFile())) {
                Attributes main = j.getManifest() == null ? null : j.getManifest().getMainAttributes();
                String bsn = main == null ? null : main.getValue("Bundle-SymbolicName");
                if (bsn == null) {
                    throw new IOException(jar + " is not a bundle: no Bundle-SymbolicName");
                }
                String version = main.getValue("Bundle-Version");
                return new Bundle(jar, DeploymentPackageWriter.symbolicName(bsn), version == null ? "0.0.0" : version.trim());
            }
        }

        String entryName() {
            return jar.getFileName().toString();
        }
    }

    private DeploymentPackageWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: OUT.dp SYMBOLIC-NAME VERSION NAME TIMESTAMP BUNDLE-DIR");
        }
        List<Bundle> bundles = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[5]))) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
                bundles.add(Bundle.of(jar));
            }
        }
        bundles.sort(Comparator.comparingInt((Bundle b) -> installOrder(b.symbolicName())).thenComparing(Bundle::symbolicName));
        write(Path.of(args[0]), args[1], osgiVersion(args[2]), args[3], Instant.parse(args[4]), bundles);
    }

    /** The name part of a {@code Bundle-SymbolicName} header, without directives such as {@code singleton:=true}. */
    static String symbolicName(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
    }

    /** A Maven version as an OSGi version: {@code 0.1.0-SNAPSHOT} becomes {@code 0.1.0.SNAPSHOT}. */
    static String osgiVersion(String maven) {
        String[] parts = maven.split("-", 2);
        String[] numbers = parts[0].split("\\.");
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            v.append(i > 0 ? "." : "").append(i < numbers.length ? Integer.parseInt(numbers[i]) : 0);
        }
        if (parts.length > 1) {
            v.append('.').append(parts[1].replaceAll("[^A-Za-z0-9_-]", "_"));
        }
        return v.toString();
    }

    /**
     * The order bundles are installed and started in, which is also the order of their bundle ids: libraries first,
     * then the framework extension for the JDK's HTTP server, the API and the log writer, the rest of the gateway,
     * and the pipeline from its end to its sensors (rules, fusion, then weigh sensors and cameras). Inside Kura all of
     * them share one start level, and a framework stops the bundles of one level in the reverse of this order, so
     * the sensors stop before fusion and fusion (which hands on its pending passages) before the rules and the
     * journal. The embedded launcher gives the same order as start levels ({@code Distribution.startOrder}).
     */
    static int installOrder(String symbolicName) {
        if (!symbolicName.startsWith("org.nsegw.")) {
            return 0;
        }
        return switch (symbolicName) {
            case "org.nsegw.jdk.httpserver" -> 1;
            case "org.nsegw.api" -> 2;
            case "org.nsegw.log" -> 3;
            case "org.nsegw.rules" -> 5;
            case "org.nsegw.fusion" -> 6;
            case "org.nsegw.weigh", "org.nsegw.anpr", "org.nsegw.vision" -> 7;
            default -> 4;
        };
    }

    static void write(Path out, String symbolicName, String version, String name, Instant time, List<Bundle> bundles)
            throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(entry("META-INF/MANIFEST.MF", time));
            zip.write(manifest(symbolicName, version, name, bundles).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Bundle b : bundles) {
                zip.putNextEntry(entry(b.entryName(), time));
                Files.copy(b.jar(), zip);
                zip.closeEntry();
            }
        }
    }

    private static ZipEntry entry(String name, Instant time) {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(FileTime.from(time));
        return e;
    }

    /** The manifest text: main section, then one section per bundle in order (java.util.jar.Manifest keeps no order). */
    static String manifest(String symbolicName, String version, String name, List<Bundle> bundles) {
        StringBuilder m = new StringBuilder();
        header(m, "Manifest-Version", "1.0");
        header(m, "DeploymentPackage-SymbolicName", symbolicName);
        header(m, "DeploymentPackage-Version", version);
        header(m, "DeploymentPackage-Name", name);
        header(m, "DeploymentPackage-Vendor", "NSE Gateway");
        for (Bundle b : bundles) {
            m.append("\r\n");
            header(m, "Name", b.entryName());
            header(m, "Bundle-SymbolicName", b.symbolicName());
            header(m, "Bundle-Version", b.version());
        }
        return m.append("\r\n").toString();
    }

    /** One header, wrapped at 72 bytes as the JAR format requires (continuation lines start with a space). */
    private static void header(StringBuilder m, String key, String value) {
        byte[] line = (key + ": " + value).getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int limit = 72;
        while (line.length - start > limit) {
            int end = start + limit;
            while ((line[end] & 0xC0) == 0x80) { // do not split a UTF-8 sequence
                end--;
            }
            m.append(new String(line, start, end - start, StandardCharsets.UTF_8)).append("\r\n ");
            start = end;
            limit = 71;
        }
        m.append(new String(line, start, line.length - start, StandardCharsets.UTF_8)).append("\r\n");
    }
}
