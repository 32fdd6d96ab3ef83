package org.nsegw.kura.dp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * A built deployment package read the way a DeploymentAdmin reads it: as a stream, the manifest first, then the
 * bundles one after the other.
 *
 * @param main the manifest's main attributes
 * @param sections the {@code Name:} sections in the order they are written, by name
 * @param entries the bundles in the order of the stream, with their bytes
 */
record DeploymentPackageFile(Attributes main, Map<String, Attributes> sections, Map<String, byte[]> entries) {

    static Path built(String which) {
        String path = System.getProperty("nsegw.dp." + which);
        if (path == null) {
            throw new IllegalStateException("system property nsegw.dp." + which + " not set: run through Maven (failsafe)");
        }
        return Path.of(path);
    }

    static DeploymentPackageFile read(Path dp) throws IOException {
        try (JarInputStream in = new JarInputStream(java.nio.file.Files.newInputStream(dp))) {
            Manifest manifest = in.getManifest();
            if (manifest == null) {
                throw new IOException(dp + ": the manifest is not the first entry");
            }
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
            Map<String, Attributes> sections = new LinkedHashMap<>();
            for (String name : sectionOrder(dp)) {
                sections.put(name, manifest.getAttributes(name));
            }
            return new DeploymentPackageFile(manifest.getMainAttributes(), sections, entries);
        }
    }

    /** The names of the manifest's sections in the order written (java.util.jar.Manifest does not keep it). */
    private static List<String> sectionOrder(Path dp) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(dp.toFile())) {
            String text = new String(zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF")).readAllBytes(),
                    StandardCharsets.UTF_8).replace("\r\n ", "").replace("\n ", "");
            List<String> names = new ArrayList<>();
            for (String line : text.split("\r?\n")) {
                if (line.startsWith("Name: ")) {
                    names.add(line.substring("Name: ".length()));
                }
            }
            return names;
        }
    }

    /** The manifest of one bundle in the package. */
    Manifest bundleManifest(String entry) throws IOException {
        try (InputStream in = new JarInputStream(new ByteArrayInputStream(entries.get(entry)))) {
            Manifest m = ((JarInputStream) in).getManifest();
            if (m == null) {
                throw new IOException(entry + " has no manifest");
            }
            return m;
        }
    }
}
