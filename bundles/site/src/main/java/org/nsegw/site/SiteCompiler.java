package org.nsegw.site;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.site.Yaml.YEntry;
import org.nsegw.site.Yaml.YList;
import org.nsegw.site.Yaml.YMap;
import org.nsegw.site.Yaml.YNode;
import org.nsegw.site.Yaml.YScalar;

/**
 * Turns a site file into the configurations of the gateway's components, checking every value against the
 * metatype of the component that will receive it and against the device profiles the file names.
 *
 * <p>Mapping rules, which {@code docs/site-config.md} explains to installers:
 * <ul>
 * <li>each top-level section configures one component ({@link #SECTIONS}); {@code lanes} and {@code devices} are
 * lists, and each item becomes a factory configuration named by its {@code id};</li>
 * <li>nested keys join with dots: {@code serial: {baud: 9600}} sets the property {@code serial.baud};</li>
 * <li>a device starts from the settings of its profile, and any key in the site file overrides them;</li>
 * <li>a mapping given for a list of text becomes {@code key=value} items.</li>
 * </ul>
 */
public final class SiteCompiler {

    public static final String GATEWAY_PID = "org.nsegw.gateway";
    public static final String LANE_PID = "org.nsegw.fusion.lane";
    public static final String OVERWEIGHT_PID = "org.nsegw.rules.overweight";
    public static final String CLEANLINESS_PID = "org.nsegw.rules.cleanliness";
    public static final String UPLINK_PID = "org.nsegw.uplink";
    public static final String LOG_PID = "org.nsegw.log";
    public static final String CAMERA_RECEIVER_PID = "org.nsegw.anpr.receiver";
    public static final String EVIDENCE_PID = "org.nsegw.evidence";
    public static final String CONSOLE_PID = "org.nsegw.console";
    public static final String REMOTE_PID = "org.nsegw.remote";
    public static final String HEALTH_PID = "org.nsegw.health";

    /** The factory PID of the device component of each kind. */
    public static final Map<DeviceKind, String> DEVICE_PIDS = Map.of(
            DeviceKind.WEIGH_SENSOR, "org.nsegw.weigh.sensor",
            DeviceKind.ANPR_CAMERA, "org.nsegw.anpr.camera",
            DeviceKind.SITE_CAMERA, "org.nsegw.vision.camera");

    /** The keys that name and place one device: a profile, which many devices share, cannot give them. */
    static final List<String> DEVICE_OWN_KEYS = List.of("id", "lane", "profile");

    /** Every configuration this compiler creates carries this property, with the site file as value. */
    public static final String SITE_MARKER = "nsegw.site";

    /** Ids of gateways, lanes and devices end up in topic names, file names and configuration names. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * A top-level section of a site file.
     *
     * @param key      the key in the file
     * @param pid      the component it configures; empty for devices, whose component depends on the profile
     * @param list     whether it is a list of items with ids
     * @param required whether every site file must have it
     */
    public record Section(String key, String pid, boolean list, boolean required) {
    }

    public static final List<Section> SECTIONS = List.of(
            new Section("gateway", GATEWAY_PID, false, true),
            new Section("lanes", LANE_PID, true, false),
            new Section("devices", "", true, false),
            new Section("limits", OVERWEIGHT_PID, false, false),
            new Section("cleanliness", CLEANLINESS_PID, false, false),
            new Section("cameraReceiver", CAMERA_RECEIVER_PID, false, false),
            new Section("evidence", EVIDENCE_PID, false, false),
            new Section("uplink", UPLINK_PID, false, false),
            new Section("logging", LOG_PID, false, false),
            new Section("console", CONSOLE_PID, false, false),
            new Section("remote", REMOTE_PID, false, false),
            new Section("health", HEALTH_PID, false, false));

    private final Map<String, ConfigSchema> schemas;
    private final DeviceProfiles profiles;

    /**
     * @param schemas  the metatype of the installed components, by PID or factory PID
     * @param profiles the device profiles available
     */
    public SiteCompiler(Map<String, ConfigSchema> schemas, DeviceProfiles profiles) {
        this.schemas = Map.copyOf(schemas);
        this.profiles = profiles;
    }

    /** Indexes schemas by PID; the same PID designated twice is a packaging mistake and the later one wins. */
    public static Map<String, ConfigSchema> index(List<ConfigSchema> schemas) {
        Map<String, ConfigSchema> byPid = new HashMap<>();
        schemas.forEach(s -> byPid.put(s.pid(), s));
        return byPid;
    }

    /**
     * Compiles one site file.
     *
     * @param file the file name as the user gave it, for messages
     * @param text the file's content
     */
    public SitePlan compile(String file, String text) {
        return compile(file, text, List.of());
    }

    /**
     * Compiles one site file with settings given on the command line on top, as if the file said them.
     *
     * @param overrides settings that win over the file's, e.g. {@code wim-L1.port=/dev/ttyUSB3}
     */
    public SitePlan compile(String file, String text, List<Setting> overrides) {
        return new Run(file, overrides).compile(text);
    }

    /**
     * A setting given on the command line ({@code --set TARGET.KEY=VALUE}): TARGET is a section ({@code uplink}) or the
     * id of a lane or device ({@code wim-L1}), KEY a key of it with dots for nesting ({@code serial.baud}), VALUE a YAML
     * value ({@code 9600}, {@code "0330"}, {@code [a, b]}).
     */
    public record Setting(String target, String key, String value) {

        public static Setting parse(String text) {
            int eq = text.indexOf('=');
            int dot = eq < 0 ? -1 : text.substring(0, eq).indexOf('.');
            if (eq < 0 || dot <= 0 || dot == eq - 1) {
                throw new IllegalArgumentException("--set " + text + ": write TARGET.KEY=VALUE, e.g. wim-L1.port=/dev/ttyUSB3");
            }
            return new Setting(text.substring(0, dot).strip(), text.substring(dot + 1, eq).strip(), text.substring(eq + 1).strip());
        }

        @Override
        public String toString() {
            return target + "." + key + "=" + value;
        }
    }

    /**
     * The settings a device of a profile starts from, typed, for tools that use a profile without a site file
     * ({@code nsegw decode}).
     *
     * @param pid        the factory PID of the device component
     * @param properties the profile's settings over the component's metatype defaults; keys that only a site file
     *                   gives (id, lane, port...) are absent
     * @param problems   what is wrong with the profile; the properties are unusable unless empty
     */
    public record ProfileSettings(String pid, Map<String, Object> properties, List<Problem> problems) {
        public ProfileSettings {
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            problems = List.copyOf(problems);
        }
    }

    /** The typed settings of a device profile, see {@link ProfileSettings}. */
    public ProfileSettings profileSettings(String profileId) {
        Run run = new Run(profiles.source());
        Map<String, Object> properties = run.profileSettings(profileId);
        DeviceKind kind = profiles.find(profileId).map(DeviceProfile::kind).orElse(null);
        return new ProfileSettings(kind == null ? "" : DEVICE_PIDS.get(kind), properties,
                run.problems.stream().sorted(Problem.BY_LOCATION).distinct().toList());
    }

    /** The prefix of a site camera's regions, polygons whose corners the compiler checks. */
    static final String REGIONS = "regions.";

    /** Lane properties the compiler fills in for fusion (see org.nsegw.fusion.internal.LaneConfig). */
    static final String LANE_CAMERAS = "cameras";
    static final String LANE_WEIGH_SENSORS = "weighSensors";
    static final String LANE_NEIGHBOURS = "neighbours";

    /** A lane of the file and the devices that serve it. */
    private static final class LaneFusion {
        final YMap node;
        final String what;
        final Map<String, Object> props;
        final List<String> cameras = new ArrayList<>();
        final List<String> weighSensors = new ArrayList<>();

        LaneFusion(YMap node, String what, Map<String, Object> props) {
            this.node = node;
            this.what = what;
            this.props = props;
        }
    }

    /** A value from the file and how to name its key in messages. */
    private record Sourced(YNode node, String what) {
    }

    /** The state of one compilation. */
    private final class Run {
        private final String file;
        private final List<Problem> problems = new ArrayList<>();
        private final List<PlannedConfiguration> configurations = new ArrayList<>();
        private final Set<String> laneIds = new LinkedHashSet<>();
        private final List<Map.Entry<String, YScalar>> laneRefs = new ArrayList<>();
        private String gatewayId = "";
        /** What fusion needs of each lane, gathered from the lanes and devices sections. */
        private final Map<String, LaneFusion> laneFusion = new LinkedHashMap<>();
        private final List<Setting> overrides;
        private final Set<Setting> applied = new java.util.HashSet<>();

        Run(String file) {
            this(file, List.of());
        }

        Run(String file, List<Setting> overrides) {
            this.file = file;
            this.overrides = List.copyOf(overrides);
        }

        SitePlan compile(String text) {
            Yaml.Parsed parsed = Yaml.parse(file, text);
            if (parsed.problem().isPresent()) {
                return new SitePlan(file, "", List.of(), List.of(parsed.problem().get()));
            }
            if (parsed.root().isEmpty()) {
                problems.add(new Problem(Location.of(file), "the site file is empty; it needs at least a 'gateway' section"));
                return plan();
            }
            if (!(parsed.root().get() instanceof YMap root)) {
                problems.add(new Problem(parsed.root().get().location(),
                        "a site file must be a mapping of sections (gateway, lanes, devices...), not " + parsed.root().get().describe()));
                return plan();
            }
            List<String> sectionKeys = sectionKeys();
            Set<String> seen = new TreeSet<>();
            for (YEntry entry : root.entries()) {
                String key = entry.key().text();
                if (!seen.add(key)) {
                    problems.add(new Problem(entry.key().location(), "duplicate section '" + key + "'"));
                    continue;
                }
                Optional<Section> section = SECTIONS.stream().filter(s -> s.key().equals(key)).findFirst();
                if (section.isEmpty()) {
                    problems.add(new Problem(entry.key().location(), "unknown section '" + key + "'; allowed: "
                            + String.join(", ", sectionKeys) + Suggestions.didYouMean(key, sectionKeys)));
                }
            }
            for (Section s : SECTIONS) {
                if (s.required() && !seen.contains(s.key())) {
                    problems.add(new Problem(new Location(file, 1, 1), "missing required section '" + s.key() + "'"));
                }
            }
            // Lanes first: devices refer to them.
            root.get("gateway").ifPresent(n -> gateway(n));
            root.get("lanes").ifPresent(n -> lanes(n));
            root.get("devices").ifPresent(n -> devices(n));
            fillLanes();
            for (Section s : SECTIONS) {
                if (!s.list() && !s.key().equals("gateway")) {
                    Optional<YNode> node = root.get(s.key());
                    if (node.isPresent()) {
                        singleton(s, node.get());
                    } else if (overrides.stream().anyMatch(o -> o.target().equals(s.key()))) {
                        // a section the file leaves out, given on the command line: as if the file had it
                        singleton(s, new YMap(List.of(), new Location("--set " + s.key(), 0, 0)));
                    } else if (s.pid().equals(CAMERA_RECEIVER_PID) && configurations.stream()
                            .anyMatch(c -> c.pid().equals(DEVICE_PIDS.get(DeviceKind.ANPR_CAMERA)))
                            || s.pid().equals(EVIDENCE_PID)
                            || s.pid().equals(CONSOLE_PID) && schemas.containsKey(CONSOLE_PID)) {
                        // cameras need the receiver, and every gateway signs its evidence: their defaults, so that
                        // they start once, configured (evidence must never sign with settings about to change); a
                        // gateway with the installer console serves it on loopback unless the file says otherwise
                        singleton(s, new YMap(List.of(), new Location(file, 1, 1)));
                    }
                }
            }
            for (Setting o : overrides) {
                if (!applied.contains(o)) {
                    problems.add(new Problem(new Location("--set " + o, 0, 0), "there is no section, lane or device '"
                            + o.target() + "' to set " + o.key() + " of"));
                }
            }
            laneRefs.forEach(ref -> {
                String what = ref.getKey();
                YScalar lane = ref.getValue();
                if (!laneIds.contains(lane.text())) {
                    problems.add(new Problem(lane.location(), what + ": lane '" + lane.text() + "' is not defined in lanes"
                            + (laneIds.isEmpty() ? " (there are none)" : "; defined: " + String.join(", ", laneIds))
                            + Suggestions.didYouMean(lane.text(), laneIds)));
                }
            });
            return plan();
        }

        private SitePlan plan() {
            return new SitePlan(file, problems.isEmpty() ? gatewayId : "", problems.isEmpty() ? configurations : List.of(), problems);
        }

        private void gateway(YNode node) {
            Optional<YMap> map = mapping(node, "gateway");
            Optional<ConfigSchema> schema = schema(GATEWAY_PID, "gateway", node.location());
            if (map.isEmpty() || schema.isEmpty()) {
                return;
            }
            Map<String, Object> props = configure(map.get(), schema.get(), "gateway", Map.of(), "gateway");
            checkId(map.get(), "gateway").ifPresent(id -> gatewayId = id);
            add(new PlannedConfiguration(GATEWAY_PID, "", props));
        }

        private void singleton(Section section, YNode node) {
            if (node instanceof YScalar s && s.isNull()) {
                if (!section.pid().equals(CONSOLE_PID)) {
                    return; // an empty section: the component's defaults
                }
                node = new YMap(List.of(), node.location()); // the console runs unless the file turns it off
            }
            Optional<YMap> map = mapping(node, section.key());
            Optional<ConfigSchema> schema = schema(section.pid(), section.key(), node.location());
            if (map.isPresent() && schema.isPresent()) {
                Map<String, Object> props = configure(map.get(), schema.get(), section.key(), Map.of(), section.key());
                if (section.pid().equals(CONSOLE_PID)) {
                    checkConsole(map.get(), props);
                }
                add(new PlannedConfiguration(section.pid(), "", props));
            }
        }

        /** What the console's metatype cannot say: an address, not a name; a certificate and its key together. */
        private void checkConsole(YMap map, Map<String, Object> props) {
            if (props.get("bindAddress") instanceof String address && !address.isEmpty() && !isIpAddress(address)) {
                problems.add(new Problem(map.get("bindAddress").map(YNode::location).orElse(map.location()),
                        "console: bindAddress '" + address + "' is not an IP address; give one of the gateway's addresses, "
                                + "e.g. 192.168.1.10 for its maintenance network, or 127.0.0.1 (reached through an SSH tunnel)"));
            }
            boolean cert = props.get("tls.certFile") instanceof String c && !c.isBlank();
            boolean key = props.get("tls.keyFile") instanceof String k && !k.isBlank();
            if (cert != key) {
                problems.add(new Problem(map.get("tls").map(YNode::location).orElse(map.location()),
                        "console: give both tls.certFile and tls.keyFile (a certificate and its key), or neither for the "
                                + "certificate the gateway makes itself"));
            }
        }

        private void lanes(YNode node) {
            Optional<ConfigSchema> schema = schema(LANE_PID, "lanes", node.location());
            Map<String, Location> firstSeen = new HashMap<>();
            for (YMap lane : items(node, "lanes")) {
                String what = "lane " + label(lane, "lanes");
                Optional<String> id = checkId(lane, what);
                id.ifPresent(i -> {
                    Location first = firstSeen.putIfAbsent(i, lane.location());
                    if (first != null) {
                        problems.add(new Problem(lane.get("id").get().location(), "duplicate lane id '" + i
                                + "' (first defined at line " + first.line() + ")"));
                    }
                    laneIds.add(i);
                });
                if (schema.isPresent()) {
                    Map<String, Object> props = configure(lane, schema.get(), what, Map.of(), id.orElse(""));
                    id.ifPresent(i -> {
                        add(new PlannedConfiguration(LANE_PID, i, props));
                        laneFusion.putIfAbsent(i, new LaneFusion(lane, what, props));
                    });
                }
            }
        }

        private void devices(YNode node) {
            Map<String, Location> firstSeen = new HashMap<>();
            for (YMap device : items(node, "devices")) {
                String what = "device " + label(device, "devices");
                Optional<String> id = checkId(device, what);
                id.ifPresent(i -> {
                    Location first = firstSeen.putIfAbsent(i, device.location());
                    if (first != null) {
                        problems.add(new Problem(device.get("id").get().location(), "duplicate device id '" + i
                                + "' (first defined at line " + first.line() + ")"));
                    }
                });
                Optional<DeviceProfile> profile = profile(device, what);
                if (profile.isEmpty()) {
                    continue;
                }
                String pid = DEVICE_PIDS.get(profile.get().kind());
                Optional<ConfigSchema> schema = schema(pid, what, device.location());
                if (schema.isEmpty()) {
                    continue;
                }
                String profileWhat = "profile '" + profile.get().id() + "'";
                for (String own : DEVICE_OWN_KEYS) {
                    profile.get().settings().entry(own).ifPresent(e -> problems.add(new Problem(e.key().location(),
                            profileWhat + ": '" + own + "' is set by each device in the site file, not by its profile")));
                }
                Map<String, Sourced> inherited = new LinkedHashMap<>();
                if (schema.get().property("model").isPresent()) {
                    Location at = device.get("profile").get().location();
                    inherited.put("model", new Sourced(new YScalar(profile.get().displayName(), Yaml.ScalarKind.TEXT, true, at), profileWhat));
                }
                flatten(profile.get().settings(), "", schema.get(), profileWhat, inherited);
                Map<String, Object> props = configure(device, schema.get(), what, inherited, id.orElse(""));
                device.get("lane").filter(YScalar.class::isInstance).map(YScalar.class::cast)
                        .filter(s -> !s.isNull()).ifPresent(lane -> laneRefs.add(Map.entry(what, lane)));
                id.ifPresent(i -> add(new PlannedConfiguration(pid, i, props)));
                id.ifPresent(i -> laneDevice(i, profile.get().kind(), props, device));
            }
        }

        /** Notes a camera or weigh sensor for the lane it serves; fillLanes() puts them in the lane's configuration. */
        private void laneDevice(String id, DeviceKind kind, Map<String, Object> props, YMap device) {
            LaneFusion lane = props.get("lane") instanceof String l ? laneFusion.get(l) : null;
            if (lane == null) {
                return; // an unknown lane is reported with the lane references
            }
            if (kind == DeviceKind.WEIGH_SENSOR) {
                lane.weighSensors.add(id);
            } else if (kind == DeviceKind.ANPR_CAMERA && props.get("position") instanceof String position) {
                Location at = device.get("distanceM").map(YNode::location).orElse(device.location());
                Object distance = props.get("distanceM");
                String laneId = (String) props.get("lane");
                if (position.equals("gate")) {
                    lane.cameras.add(id + ":gate:" + (distance instanceof Number n ? n.doubleValue() : 0.0));
                } else if (!(distance instanceof Number n)) {
                    problems.add(new Problem(device.location(), "lane " + laneId + ": camera " + id + " has no distanceM; set distanceM: "
                            + (position.equals("front") ? "-25 (metres before the weigh sensor)" : "18 (metres after the weigh sensor)")
                            + ", measured along the lane to where the camera reads plates; fusion times its reads by it"));
                } else if (position.equals("front") && n.doubleValue() > 0 || position.equals("rear") && n.doubleValue() < 0) {
                    problems.add(new Problem(at, "lane " + laneId + ": camera " + id + " is a " + position + " camera at distanceM "
                            + n + "; a front camera stands before the weigh sensor (negative, e.g. -25), a rear camera after it "
                            + "(positive, e.g. 18)"));
                } else {
                    lane.cameras.add(id + ":" + position + ":" + n.doubleValue());
                }
            }
        }

        /**
         * Completes each lane's configuration with what fusion needs: its cameras and weigh sensors from the devices
         * section, and its neighbours (unless the file gives them: the lanes before and after it with the same direction).
         */
        private void fillLanes() {
            Optional<ConfigSchema> schema = Optional.ofNullable(schemas.get(LANE_PID));
            if (schema.isEmpty() || !schema.get().properties().containsKey(LANE_CAMERAS)) {
                return; // a lane component without fusion settings
            }
            List<LaneFusion> ordered = List.copyOf(laneFusion.values());
            for (int i = 0; i < ordered.size(); i++) {
                LaneFusion lane = ordered.get(i);
                for (String derived : List.of(LANE_CAMERAS, LANE_WEIGH_SENSORS)) {
                    if (lane.props.containsKey(derived)) {
                        Location at = lane.node.get(derived).map(YNode::location).orElse(lane.node.location());
                        problems.add(new Problem(at, lane.what + ": '" + derived + "' is filled in from the devices section (each "
                                + "device's lane, position and distanceM); remove it here"));
                    }
                }
                Map<String, Object> props = new LinkedHashMap<>(lane.props);
                props.remove(SITE_MARKER);
                props.put(LANE_CAMERAS, lane.cameras.toArray(String[]::new));
                props.put(LANE_WEIGH_SENSORS, lane.weighSensors.toArray(String[]::new));
                if (props.get(LANE_NEIGHBOURS) instanceof String[] given) {
                    checkNeighbours(lane, given);
                } else {
                    props.put(LANE_NEIGHBOURS, neighbours(ordered, i).toArray(String[]::new));
                }
                props.put(SITE_MARKER, file);
                String id = (String) lane.props.get("id");
                configurations.replaceAll(c -> c.pid().equals(LANE_PID) && c.name().equals(id) ? new PlannedConfiguration(LANE_PID, id, props) : c);
            }
        }

        private List<String> neighbours(List<LaneFusion> ordered, int i) {
            Object direction = ordered.get(i).props.getOrDefault("direction", "");
            List<String> near = new ArrayList<>();
            for (int j : new int[] {i - 1, i + 1}) {
                if (j >= 0 && j < ordered.size() && ordered.get(j).props.getOrDefault("direction", "").equals(direction)) {
                    near.add((String) ordered.get(j).props.get("id"));
                }
            }
            return near;
        }

        private void checkNeighbours(LaneFusion lane, String[] given) {
            Location at = lane.node.get(LANE_NEIGHBOURS).map(YNode::location).orElse(lane.node.location());
            for (String n : given) {
                if (n.equals(lane.props.get("id"))) {
                    problems.add(new Problem(at, lane.what + ": neighbours lists the lane itself; list the lanes next to it"));
                } else if (!laneFusion.containsKey(n)) {
                    problems.add(new Problem(at, lane.what + ": neighbour '" + n + "' is not defined in lanes; defined: "
                            + String.join(", ", laneFusion.keySet()) + Suggestions.didYouMean(n, laneFusion.keySet())));
                }
            }
        }

        private Optional<DeviceProfile> profile(YMap device, String what) {
            Optional<YNode> node = device.get("profile");
            if (node.isEmpty() || !(node.get() instanceof YScalar s) || s.isNull()) {
                problems.add(new Problem(node.map(YNode::location).orElse(device.location()), what
                        + ": missing required key 'profile' (the device model, e.g. weigh/toledo-continuous); available: "
                        + String.join(", ", profiles.ids())));
                return Optional.empty();
            }
            Optional<DeviceProfile> profile = profiles.find(s.text());
            if (profile.isEmpty()) {
                problems.add(new Problem(s.location(), what + ": profile '" + s.text() + "' not found in "
                        + profiles.source() + (profiles.all().isEmpty() ? " (no profiles there; give --profiles DIR)" : "") + "; available: "
                        + (profiles.ids().isEmpty() ? "none" : String.join(", ", profiles.ids()))
                        + Suggestions.didYouMean(s.text(), profiles.ids())));
                return Optional.empty();
            }
            if (!profile.get().isUsable()) {
                problems.addAll(profile.get().problems());
                problems.add(new Problem(s.location(), what + ": profile '" + s.text()
                        + "' cannot be used until its problems are fixed"));
                return Optional.empty();
            }
            return profile;
        }

        Map<String, Object> profileSettings(String profileId) {
            Location at = Location.of(profiles.source());
            YScalar id = new YScalar(profileId, Yaml.ScalarKind.TEXT, true, at);
            Optional<DeviceProfile> profile = profile(new YMap(List.of(new Yaml.YEntry(
                    new YScalar("profile", Yaml.ScalarKind.TEXT, false, at), id)), at), "profile");
            if (profile.isEmpty()) {
                return Map.of();
            }
            Optional<ConfigSchema> schema = schema(DEVICE_PIDS.get(profile.get().kind()), "profile '" + profileId + "'", at);
            if (schema.isEmpty()) {
                return Map.of();
            }
            Map<String, Sourced> values = new LinkedHashMap<>();
            flatten(profile.get().settings(), "", schema.get(), "profile '" + profileId + "'", values);
            Map<String, Object> props = new LinkedHashMap<>();
            for (PropertySchema p : schema.get().properties().values()) {
                Sourced given = values.get(p.id());
                if (given != null) {
                    PropertyValues.convert(given.node(), p, given.what() + ": " + p.id(), problems::add).ifPresent(v -> props.put(p.id(), v));
                } else if (p.hasDefault()) {
                    boolean emptyList = p.isMultiValued() && p.defaults().equals(List.of(""));
                    YNode node = p.isMultiValued()
                            ? new YList(emptyList ? List.of() : p.defaults().stream()
                                    .map(d -> (YNode) new YScalar(d, Yaml.ScalarKind.TEXT, true, at)).toList(), at)
                            : new YScalar(p.defaults().get(0), Yaml.ScalarKind.TEXT, true, at);
                    PropertyValues.convert(node, p, "default of " + p.id(), problems::add).ifPresent(v -> props.put(p.id(), v));
                }
            }
            props.put("profile", profileId);
            props.put("model", profile.get().displayName());
            return props;
        }

        /** A command-line value reports its problems at the command line, not at a line of a file. */
        private YNode relocate(YNode node, Location at) {
            if (node instanceof YScalar sc) {
                return new YScalar(sc.text(), sc.kind(), sc.quoted(), at);
            }
            if (node instanceof YList l) {
                return new YList(l.items().stream().map(i -> relocate(i, at)).toList(), at);
            }
            YMap m = (YMap) node;
            return new YMap(m.entries().stream().map(e -> new Yaml.YEntry(e.key(), relocate(e.value(), at))).toList(), at);
        }

        /** Checks the {@code id} of a section or list item and returns it if it is usable. */
        private Optional<String> checkId(YMap map, String what) {
            Optional<YNode> node = map.get("id");
            if (node.isPresent() && node.get() instanceof YScalar s && !s.isNull()) {
                if (ID.matcher(s.text()).matches()) {
                    return Optional.of(s.text());
                }
                problems.add(new Problem(s.location(), what + ": id '" + s.text()
                        + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
            }
            return Optional.empty(); // a missing id is reported by the required-key check
        }

        private Map<String, Object> configure(YMap map, ConfigSchema schema, String what, Map<String, Sourced> inherited,
                String target) {
            Map<String, Sourced> values = new LinkedHashMap<>(inherited);
            flatten(map, "", schema, what, values);
            for (Setting o : overrides) {
                if (!o.target().equals(target)) {
                    continue;
                }
                applied.add(o);
                Location at = new Location("--set " + o, 0, 0);
                if (!schema.properties().containsKey(o.key())) {
                    List<String> keys = List.copyOf(schema.properties().keySet());
                    problems.add(new Problem(at, what + ": unknown key '" + o.key() + "'; allowed: " + String.join(", ", keys)
                            + Suggestions.didYouMean(o.key(), keys)));
                    continue;
                }
                Yaml.Parsed parsed = Yaml.parse("--set " + o, o.value());
                YNode node = parsed.root().filter(n -> parsed.problem().isEmpty())
                        .orElse(new YScalar(o.value(), Yaml.ScalarKind.TEXT, true, at));
                values.put(o.key(), new Sourced(relocate(node, at), what));
            }
            Map<String, Object> props = new LinkedHashMap<>();
            values.forEach((id, sourced) -> {
                PropertySchema p = schema.properties().get(id);
                PropertyValues.convert(sourced.node(), p, sourced.what() + ": " + id, problems::add).ifPresent(v -> {
                    if (v instanceof String text) {
                        checkFormat(id, text, sourced);
                    } else if (v instanceof String[] corners && id.startsWith(REGIONS)) {
                        checkPolygon(id, corners, sourced);
                    }
                    props.put(id, v);
                });
            });
            for (PropertySchema p : schema.properties().values()) {
                if (p.required() && !p.hasDefault() && !values.containsKey(p.id())) {
                    problems.add(new Problem(map.location(), what + ": missing required key '" + p.id() + "'"
                            + (p.description().isEmpty() ? "" : " (" + p.description() + ")")));
                }
            }
            props.put(SITE_MARKER, file);
            return props;
        }

        /**
         * Formats metatype cannot express: dates ({@code ...expires}) and time zones ({@code timezone}). The
         * components check them again, but an installer should hear of a mistake before the gateway starts.
         */
        private void checkFormat(String id, String text, Sourced sourced) {
            if (id.endsWith("expires")) {
                try {
                    LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    problems.add(new Problem(sourced.node().location(), sourced.what() + ": " + id + " '" + text
                            + "' is not a date; write it as YYYY-MM-DD, e.g. 2027-06-30"));
                }
            } else if (id.equals("timezone")) {
                try {
                    ZoneId.of(text);
                } catch (DateTimeException e) {
                    problems.add(new Problem(sourced.node().location(), sourced.what() + ": timezone '" + text
                            + "' is not a known time zone; use a name such as Asia/Shanghai"));
                }
            }
        }

        /**
         * A site camera's region ({@code regions.wheelZone}...): its corners as {@code "x,y"} texts, fractions of the frame
         * from 0 to 1, at least three. The camera checks them again (and that they enclose an area).
         */
        private void checkPolygon(String id, String[] corners, Sourced sourced) {
            if (corners.length == 0 || corners.length == 1 && corners[0].isBlank()) {
                return; // an optional region left empty; a required one is reported as missing
            }
            String example = " e.g. [\"0.2,0.6\", \"0.87,0.6\", \"0.87,0.83\", \"0.2,0.83\"]";
            for (int i = 0; i < corners.length; i++) {
                String[] xy = corners[i].strip().split("\\s*,\\s*");
                boolean ok = xy.length == 2;
                for (int k = 0; ok && k < 2; k++) {
                    try {
                        double v = Double.parseDouble(xy[k]);
                        if (!(v >= 0 && v <= 1)) {
                            problems.add(new Problem(sourced.node().location(), sourced.what() + ": " + id + ": " + (k == 0 ? "x" : "y")
                                    + " of corner " + (i + 1) + " is " + xy[k] + "; corners are fractions of the frame, 0 to 1"));
                            return;
                        }
                    } catch (NumberFormatException e) {
                        ok = false;
                    }
                }
                if (!ok) {
                    problems.add(new Problem(sourced.node().location(), sourced.what() + ": " + id + ": corner " + (i + 1) + " is '"
                            + corners[i] + "'; write each corner as \"x,y\" in quotes," + example));
                    return;
                }
            }
            if (corners.length < 3) {
                problems.add(new Problem(sourced.node().location(), sourced.what() + ": " + id + " has " + corners.length
                        + " corner(s); a region needs at least 3," + example));
            }
        }

        /** Collects the values of {@code map} by property id, reporting unknown and duplicate keys. */
        private void flatten(YMap map, String prefix, ConfigSchema schema, String what, Map<String, Sourced> out) {
            Set<String> keys = new TreeSet<>();
            for (YEntry e : map.entries()) {
                String key = e.key().text();
                String id = prefix + key;
                Sourced earlier = out.get(id);
                if (!keys.add(key) || (earlier != null && earlier.what().equals(what))) {
                    // the same key twice, or once dotted (serial.baud) and once nested (serial: {baud})
                    problems.add(new Problem(e.key().location(), what + ": duplicate key '" + id + "'"));
                } else if (schema.properties().containsKey(id)) {
                    out.put(id, new Sourced(e.value(), what));
                } else if (e.value() instanceof YMap nested && hasPrefix(schema, id + ".")) {
                    flatten(nested, id + ".", schema, what, out);
                } else if (hasPrefix(schema, id + ".")) {
                    problems.add(new Problem(e.value().location(), what + ": '" + id + "' must be a mapping of keys to values"
                            + " (allowed: " + String.join(", ", allowedKeys(schema, id + ".")) + "), not " + e.value().describe()));
                } else {
                    List<String> allowed = allowedKeys(schema, prefix);
                    problems.add(new Problem(e.key().location(), what + ": unknown key '" + key + "'"
                            + (prefix.isEmpty() ? "" : " in '" + prefix.substring(0, prefix.length() - 1) + "'")
                            + "; allowed here: " + String.join(", ", allowed) + Suggestions.didYouMean(key, allowed)));
                }
            }
        }

        private boolean hasPrefix(ConfigSchema schema, String prefix) {
            return schema.properties().keySet().stream().anyMatch(id -> id.startsWith(prefix));
        }

        /** The keys that may appear at one nesting level: the next dotted segment of every matching id. */
        private List<String> allowedKeys(ConfigSchema schema, String prefix) {
            Set<String> allowed = new LinkedHashSet<>();
            for (String id : schema.properties().keySet()) {
                if (id.startsWith(prefix)) {
                    String rest = id.substring(prefix.length());
                    allowed.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
                }
            }
            return List.copyOf(allowed);
        }

        private Optional<ConfigSchema> schema(String pid, String what, Location at) {
            ConfigSchema schema = schemas.get(pid);
            if (schema == null) {
                problems.add(new Problem(at, what + " needs the component " + pid + ", which is not installed"));
            }
            return Optional.ofNullable(schema);
        }

        private Optional<YMap> mapping(YNode node, String what) {
            if (node instanceof YMap map) {
                return Optional.of(map);
            }
            problems.add(new Problem(node.location(), what + " must be a mapping of keys to values, not " + node.describe()));
            return Optional.empty();
        }

        private List<YMap> items(YNode node, String what) {
            if (node instanceof YScalar s && s.isNull()) {
                return List.of();
            }
            if (!(node instanceof YList list)) {
                problems.add(new Problem(node.location(), what + " must be a list (items starting with '- '), not " + node.describe()));
                return List.of();
            }
            List<YMap> maps = new ArrayList<>();
            for (YNode item : list.items()) {
                if (item instanceof YMap map) {
                    maps.add(map);
                } else {
                    problems.add(new Problem(item.location(), "each item of " + what + " must be a mapping with an id, not " + item.describe()));
                }
            }
            return maps;
        }

        /** How a list item is named in messages: by its id when it has one, else by its line. */
        private String label(YMap item, String list) {
            return item.get("id").filter(YScalar.class::isInstance).map(n -> "'" + ((YScalar) n).text() + "'")
                    .orElse("at line " + item.location().line() + " of " + list);
        }

        private void add(PlannedConfiguration c) {
            configurations.add(c);
        }
    }

    /** An IPv4 address in dotted form, or an IPv6 address; never a name (that would need DNS). */
    static boolean isIpAddress(String text) {
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (text.contains(":") && text.matches("[0-9A-Fa-f:.]+")) {
            try {
                return java.net.InetAddress.getByName(text) instanceof java.net.Inet6Address;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** The ids of the properties that hold secrets, to hide them in logs. */
    public Set<String> secretIds(String pid) {
        ConfigSchema schema = schemas.get(pid);
        if (schema == null) {
            return Set.of();
        }
        Set<String> ids = new TreeSet<>();
        schema.properties().values().stream().filter(p -> p.type() == ValueType.PASSWORD).forEach(p -> ids.add(p.id()));
        return ids;
    }

    /** The metatype default of a property, if it has a single one. */
    public Optional<String> defaultValue(String pid, String id) {
        return Optional.ofNullable(schemas.get(pid)).flatMap(s -> s.property(id))
                .filter(p -> p.defaults().size() == 1).map(p -> p.defaults().get(0));
    }

    /** All section keys, for documentation and messages. */
    public static List<String> sectionKeys() {
        return SECTIONS.stream().map(Section::key).toList();
    }
}
