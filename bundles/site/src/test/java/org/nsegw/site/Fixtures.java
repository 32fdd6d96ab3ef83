package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsegw.site.Yaml.YMap;
import org.nsegw.site.Yaml.YNode;

/**
 * The real inputs of the site tests: the metatype of the gateway's components (copies in
 * {@code src/test/resources/metatype/}, see the comment at the top of each), and the device profiles and example
 * site files of the repository, read where they live so that the tests follow them.
 */
final class Fixtures {

    /** The metatype documents copied from the bundles' jars, one per configurable component. */
    static final List<String> METATYPE_FILES = List.of(
            "org.nsegw.gateway.xml",
            "org.nsegw.fusion.lane.xml",
            "org.nsegw.weigh.sensor.xml",
            "org.nsegw.anpr.camera.xml",
            "org.nsegw.anpr.receiver.xml",
            "org.nsegw.evidence.xml",
            "org.nsegw.vision.camera.xml",
            "org.nsegw.rules.overweight.xml",
            "org.nsegw.rules.cleanliness.xml",
            "org.nsegw.uplink.xml",
            "org.nsegw.log.xml",
            "org.nsegw.console.xml", "org.nsegw.remote.xml", "org.nsegw.health.xml");

    private static Map<String, ConfigSchema> schemas;
    private static DeviceProfiles profiles;

    private Fixtures() {
    }

    /** The checkout this module belongs to: the first folder up from the working directory with device-profiles/. */
    static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("device-profiles")) && Files.isDirectory(dir.resolve("edge-config"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no checkout with device-profiles/ and edge-config/ above " + Path.of("").toAbsolutePath());
    }

    static Path profilesDir() {
        return repo().resolve("device-profiles");
    }

    static Path siteExample() {
        return repo().resolve("edge-config/site-example.yaml");
    }

    static Path bridgeExample() {
        return repo().resolve("edge-config/bridge-example.yaml");
    }

    static Path fiveMistakes() {
        return repo().resolve("bundles/launcher/src/test/resources/sites/five-mistakes.yaml");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream metatype(String name) {
        InputStream in = Fixtures.class.getResourceAsStream("/metatype/" + name);
        assertThat(in).as("test resource /metatype/" + name).isNotNull();
        return in;
    }

    static synchronized List<ConfigSchema> realSchemaList() {
        List<ConfigSchema> all = new ArrayList<>();
        for (String name : METATYPE_FILES) {
            try (InputStream in = metatype(name)) {
                all.addAll(MetatypeXml.read(in, name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** The schemas of every component of the gateway, by PID. */
    static synchronized Map<String, ConfigSchema> realSchemas() {
        if (schemas == null) {
            schemas = Map.copyOf(SiteCompiler.index(realSchemaList()));
        }
        return schemas;
    }

    /** The device profiles of the repository. */
    static synchronized DeviceProfiles realProfiles() {
        if (profiles == null) {
            try {
                profiles = DeviceProfiles.load(profilesDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return profiles;
    }

    static SiteCompiler realCompiler() {
        return new SiteCompiler(realSchemas(), realProfiles());
    }

    /** The root mapping of a YAML text that must be valid. */
    static YMap yamlMap(String text) {
        Yaml.Parsed parsed = Yaml.parse("test.yaml", text);
        assertThat(parsed.problem()).as("problem parsing %s", text).isEmpty();
        assertThat(parsed.root()).get().isInstanceOf(YMap.class);
        return (YMap) parsed.root().orElseThrow();
    }

    /** The value of {@code v:} in {@code v: <yamlValue>}. */
    static YNode yamlValue(String yamlValue) {
        return yamlMap("v: " + yamlValue + "\n").get("v").orElseThrow();
    }

    /** A property schema, built one setting at a time. */
    static Prop prop(String id, ValueType type) {
        return new Prop(id, type, 0, true, List.of(), "", "", List.of(), "");
    }

    record Prop(String id, ValueType type, int cardinality, boolean required, List<String> defaults, String min,
            String max, List<String> options, String description) {

        Prop cardinality(int c) {
            return new Prop(id, type, c, required, defaults, min, max, options, description);
        }

        Prop optional() {
            return new Prop(id, type, cardinality, false, defaults, min, max, options, description);
        }

        Prop defaults(String... d) {
            return new Prop(id, type, cardinality, required, List.of(d), min, max, options, description);
        }

        Prop min(String m) {
            return new Prop(id, type, cardinality, required, defaults, m, max, options, description);
        }

        Prop max(String m) {
            return new Prop(id, type, cardinality, required, defaults, min, m, options, description);
        }

        Prop options(String... o) {
            return new Prop(id, type, cardinality, required, defaults, min, max, List.of(o), description);
        }

        Prop description(String d) {
            return new Prop(id, type, cardinality, required, defaults, min, max, options, d);
        }

        PropertySchema build() {
            return new PropertySchema(id, id, description, type, cardinality, required, defaults, min, max, options);
        }
    }

    static ConfigSchema schema(String pid, boolean factory, Prop... props) {
        return ConfigSchema.of(pid, factory, pid, "", java.util.Arrays.stream(props).map(Prop::build).toList());
    }
}
