package org.nsegw.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * YAML 1.2 (core schema) read into a small tree that remembers where every node is, so that every problem can be
 * reported with its line and column. YAML 1.2 keeps {@code no}, {@code on} and {@code 0755} from turning into
 * booleans and octal numbers behind the installer's back.
 */
public final class Yaml {

    /** Site files and profiles are small; anything bigger is a mistake, not a configuration. */
    static final int MAX_CODE_POINTS = 1 << 20;

    private Yaml() {
    }

    /** A node of the tree. */
    public sealed interface YNode permits YMap, YList, YScalar {
        Location location();

        /** How the node is named in messages: "a mapping", "a list", "text 'abc'". */
        String describe();
    }

    /** A key and its value in a mapping. */
    public record YEntry(YScalar key, YNode value) {
    }

    /** A mapping; duplicate keys are kept so that they can be reported. */
    public record YMap(List<YEntry> entries, Location location) implements YNode {
        public YMap {
            entries = List.copyOf(entries);
        }

        public Optional<YEntry> entry(String key) {
            return entries.stream().filter(e -> e.key().text().equals(key)).findFirst();
        }

        public Optional<YNode> get(String key) {
            return entry(key).map(YEntry::value);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A sequence. */
    public record YList(List<YNode> items, Location location) implements YNode {
        public YList {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** What the YAML core schema made of a plain scalar; quoted scalars are always text. */
    public enum ScalarKind {
        TEXT, INTEGER, DECIMAL, BOOLEAN, NULL
    }

    /**
     * A scalar as written.
     *
     * @param text   the scalar's text exactly as written (without quotes)
     * @param kind   what the core schema resolves it to
     * @param quoted whether it was quoted
     */
    public record YScalar(String text, ScalarKind kind, boolean quoted, Location location) implements YNode {
        public boolean isNull() {
            return kind == ScalarKind.NULL;
        }

        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "nothing";
                case TEXT -> "'" + text + "'";
                default -> text;
            };
        }
    }

    /** The outcome of reading a file: a tree, or the syntax problem that prevented it. */
    public record Parsed(Optional<YNode> root, Optional<Problem> problem) {
    }

    /**
     * Reads {@code text}; an empty document gives an empty root.
     *
     * @param file the file name to put in locations
     */
    public static Parsed parse(String file, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        try {
            Optional<Node> node = new Compose(settings).composeString(text);
            return new Parsed(node.map(n -> convert(file, n)), Optional.empty());
        } catch (MarkedYamlEngineException e) {
            Location at = e.getProblemMark().or(e::getContextMark).map(m -> location(file, m)).orElse(Location.of(file));
            String what = e.getProblem() == null ? "" : e.getProblem();
            String context = e.getContext() == null ? "" : " " + e.getContext();
            return new Parsed(Optional.empty(), Optional.of(new Problem(at, "not valid YAML: " + what + context)));
        } catch (YamlEngineException e) {
            return new Parsed(Optional.empty(), Optional.of(new Problem(Location.of(file), "not valid YAML: " + e.getMessage())));
        }
    }

    private static YNode convert(String file, Node node) {
        Location at = node.getStartMark().map(m -> location(file, m)).orElse(Location.of(file));
        if (node instanceof MappingNode map) {
            List<YEntry> entries = new ArrayList<>();
            for (NodeTuple t : map.getValue()) {
                YNode key = convert(file, t.getKeyNode());
                YScalar keyScalar = key instanceof YScalar s ? s
                        : new YScalar("<" + key.describe() + ">", ScalarKind.TEXT, false, key.location());
                entries.add(new YEntry(keyScalar, convert(file, t.getValueNode())));
            }
            return new YMap(entries, at);
        }
        if (node instanceof SequenceNode seq) {
            return new YList(seq.getValue().stream().map(n -> convert(file, n)).toList(), at);
        }
        ScalarNode scalar = (ScalarNode) node;
        boolean quoted = scalar.getScalarStyle() != ScalarStyle.PLAIN;
        return new YScalar(scalar.getValue(), kindOf(scalar.getTag(), quoted), quoted, at);
    }

    private static ScalarKind kindOf(Tag tag, boolean quoted) {
        if (quoted || Tag.STR.equals(tag)) {
            return ScalarKind.TEXT;
        }
        if (Tag.INT.equals(tag)) {
            return ScalarKind.INTEGER;
        }
        if (Tag.FLOAT.equals(tag)) {
            return ScalarKind.DECIMAL;
        }
        if (Tag.BOOL.equals(tag)) {
            return ScalarKind.BOOLEAN;
        }
        if (Tag.NULL.equals(tag)) {
            return ScalarKind.NULL;
        }
        return ScalarKind.TEXT;
    }

    private static Location location(String file, Mark mark) {
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
