package org.nsegw.site;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.site.Yaml.YEntry;
import org.nsegw.site.Yaml.YMap;
import org.nsegw.site.Yaml.YNode;
import org.nsegw.site.Yaml.YScalar;

/** The device profiles available to a gateway, by id. */
public final class DeviceProfiles {

    private final String source;
    private final Map<String, DeviceProfile> byId;

    private DeviceProfiles(String source, Map<String, DeviceProfile> byId) {
        this.source = source;
        this.byId = byId;
    }

    /**
     * Reads every {@code *.yaml} file below {@code dir}. A profile that cannot be read is kept with its problems, so
     * that a site naming it learns why it cannot be used.
     */
    public static DeviceProfiles load(Path dir) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(dir)) {
                paths = walk.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))
                        .sorted().toList();
            }
            for (Path p : paths) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                String id = rel.substring(0, rel.lastIndexOf('.'));
                files.put(id, p.toString());
                texts.put(id, readUtf8(p));
            }
        }
        return of(dir.toString(), texts, files);
    }

    /**
     * Profiles from texts, for tests and tools.
     *
     * @param texts the profile texts by id
     * @param files the file name to report for each id (the id plus {@code .yaml} when missing)
     */
    public static DeviceProfiles of(String source, Map<String, String> texts, Map<String, String> files) {
        Map<String, DeviceProfile> byId = new TreeMap<>();
        texts.forEach((id, text) -> byId.put(id, parse(id, files.getOrDefault(id, id + ".yaml"), text)));
        return new DeviceProfiles(source, byId);
    }

    /** Where the profiles came from, for messages. */
    public String source() {
        return source;
    }

    public Optional<DeviceProfile> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<DeviceProfile> all() {
        return List.copyOf(byId.values());
    }

    /** The ids of the profiles of one kind, for "allowed" lists in messages. */
    public List<String> idsOfKind(DeviceKind kind) {
        return byId.values().stream().filter(p -> p.kind() == kind).map(DeviceProfile::id).toList();
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    static String readUtf8(Path p) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(p + " is not UTF-8 text; save it as UTF-8", e);
        }
    }

    private static DeviceProfile parse(String id, String file, String text) {
        List<Problem> problems = new ArrayList<>();
        Yaml.Parsed parsed = Yaml.parse(file, text);
        parsed.problem().ifPresent(problems::add);
        YMap root = parsed.root().filter(YMap.class::isInstance).map(YMap.class::cast)
                .orElse(new YMap(List.of(), Location.of(file)));
        if (parsed.problem().isEmpty() && !(parsed.root().orElse(null) instanceof YMap)) {
            problems.add(new Problem(Location.of(file), "a device profile must be a mapping of keys to values"));
        }
        String kindWord = text(root, "kind", file, problems, true);
        String vendor = text(root, "vendor", file, problems, true);
        String model = text(root, "model", file, problems, true);
        String description = text(root, "description", file, problems, false);
        DeviceKind kind = null;
        if (!kindWord.isEmpty()) {
            List<String> kinds = Arrays.stream(DeviceKind.values()).map(DeviceKind::profileKind).toList();
            kind = DeviceKind.ofProfileKind(kindWord).orElse(null);
            Location at = root.get("kind").map(YNode::location).orElse(root.location());
            if (kind == null) {
                problems.add(new Problem(at, "kind '" + kindWord + "' is not a device kind; allowed: "
                        + String.join(", ", kinds) + Suggestions.didYouMean(kindWord, kinds)));
            } else if (!id.startsWith(kind.profileKind() + "/")) {
                problems.add(new Problem(at, "a profile of kind '" + kindWord + "' belongs in the folder '"
                        + kind.profileKind() + "/', not in '" + (id.contains("/") ? id.substring(0, id.indexOf('/') + 1) : "./") + "'"));
            }
        }
        List<YEntry> settings = root.entries().stream()
                .filter(e -> !DeviceProfile.DESCRIPTIVE_KEYS.contains(e.key().text()))
                .collect(Collectors.toList());
        return new DeviceProfile(id, kind, vendor, model, description, new YMap(settings, root.location()), problems);
    }

    private static String text(YMap root, String key, String file, List<Problem> problems, boolean required) {
        Optional<YNode> node = root.get(key);
        if (node.isEmpty()) {
            if (required) {
                problems.add(new Problem(root.location().line() > 0 ? root.location() : Location.of(file),
                        "missing required key '" + key + "' in device profile"));
            }
            return "";
        }
        if (node.get() instanceof YScalar s && !s.isNull()) {
            return s.text();
        }
        problems.add(new Problem(node.get().location(), "'" + key + "' must be text, not " + node.get().describe()));
        return "";
    }
}
