package org.nsegw.site;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.Event;
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

    /** Site files nest a few levels; deeper nesting would overflow the stack of the recursive composer. */
    static final int MAX_DEPTH = 64;

    /** How many values aliases may copy in all; the 50 aliases of collections snakeyaml allows could copy billions. */
    static final int MAX_ALIAS_COPIES = 100_000;

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
                // the whole text in one window: snakeyaml-engine's reader fails on a surrogate pair split by its
                // window's edge (IndexOutOfBoundsException, still in 2.10); site files are small
                .setBufferSize(Math.min(text.length(), MAX_CODE_POINTS * 2) + 2)
                .build();
        try {
            checkNesting(file, settings, text);
            Optional<Node> node = new Compose(settings).composeString(text);
            return new Parsed(node.map(n -> new Converter(file).convert(n, 1)), Optional.empty());
        } catch (Refused e) {
            return new Parsed(Optional.empty(), Optional.of(e.problem));
        } catch (MarkedYamlEngineException e) {
            Location at = e.getProblemMark().or(e::getContextMark).map(m -> location(file, m)).orElse(Location.of(file));
            String what = e.getProblem() == null ? "" : e.getProblem();
            String context = e.getContext() == null ? "" : " " + e.getContext();
            return new Parsed(Optional.empty(), Optional.of(new Problem(at, "not valid YAML: " + what + context)));
        } catch (YamlEngineException e) {
            return new Parsed(Optional.empty(), Optional.of(new Problem(Location.of(file), "not valid YAML: " + e.getMessage())));
        }
    }

    /** Refuses nesting deeper than {@link #MAX_DEPTH} before the composer recurses into it. */
    private static void checkNesting(String file, LoadSettings settings, String text) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw new Refused(event.getStartMark().map(m -> location(file, m)).orElse(Location.of(file)),
                                "not valid YAML: nested more than " + MAX_DEPTH + " levels deep");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {
                }
            }
        }
    }

    /** A document that is valid YAML but that this reader will not turn into a tree. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        Refused(Location at, String message) {
            super(message, null, false, false);
            this.problem = new Problem(at, message);
        }
    }

    /** Turns the composed graph, in which an alias is the very node it names, into a tree. */
    private static final class Converter {
        private final String file;
        private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private int copies;

        Converter(String file) {
            this.file = file;
        }

        YNode convert(Node node, int depth) {
            Location at = node.getStartMark().map(m -> location(file, m)).orElse(Location.of(file));
            if (!seen.add(node) && ++copies > MAX_ALIAS_COPIES) {
                throw new Refused(at, "not valid YAML: the aliases copy more than " + MAX_ALIAS_COPIES + " values; write them out");
            }
            if (node instanceof ScalarNode scalar) {
                boolean quoted = scalar.getScalarStyle() != ScalarStyle.PLAIN;
                return new YScalar(scalar.getValue(), kindOf(scalar.getTag(), quoted), quoted, at);
            }
            if (!open.add(node)) {
                throw new Refused(at, "not valid YAML: an alias inside this value refers to the value itself");
            }
            if (depth > MAX_DEPTH) {
                throw new Refused(at, "not valid YAML: with its aliases, nested more than " + MAX_DEPTH + " levels deep");
            }
            try {
                if (node instanceof MappingNode map) {
                    List<YEntry> entries = new ArrayList<>();
                    for (NodeTuple t : map.getValue()) {
                        YNode key = convert(t.getKeyNode(), depth + 1);
                        YScalar keyScalar = key instanceof YScalar s ? s
                                : new YScalar("<" + key.describe() + ">", ScalarKind.TEXT, false, key.location());
                        entries.add(new YEntry(keyScalar, convert(t.getValueNode(), depth + 1)));
                    }
                    return new YMap(entries, at);
                }
                List<YNode> items = new ArrayList<>();
                for (Node item : ((SequenceNode) node).getValue()) {
                    items.add(convert(item, depth + 1));
                }
                return new YList(items, at);
            } finally {
                open.remove(node);
            }
        }
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
