package org.nsegw.evidence.internal.content;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.api.device.Verification;
import org.nsegw.api.evidence.MediaRef;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.rules.Finding;
import org.nsegw.api.rules.Verdict;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.journal.RecordJson;

/**
 * What one verdict puts into its packet: the case fields of the manifest and the files that go with it. Pure: the files the
 * passage refers to come through a {@link MediaSource}, the time and clock state through the {@link CaseContext}.
 *
 * <p>The fields hold only text, integers, booleans, lists and maps (decimals as text), in a fixed order; a value that
 * is absent is left out, never null. See {@code docs/evidence.md} for every field.
 *
 * @param caseId  the case id, see {@link CaseId#of}
 * @param uuid    the case's UUID, see {@link CaseId#uuid}
 * @param fields  the manifest's case fields
 * @param entries the files inside the packet, in the order {@code entryRoles} lists them
 * @param beside  the images kept beside the packet ({@link Images#BESIDE}), listed with their digests in
 *                {@code imagesBeside}; empty otherwise
 */
public record CaseContent(String caseId, UUID uuid, Map<String, Object> fields, List<CaseEntry> entries,
        List<CaseEntry> beside) {

    /** Where the images of reads and observations go. */
    public enum Images {
        /** Inside the signed packet: cases, whose evidence must never be shed. */
        INSIDE,
        /**
         * Beside it, in a file of their own that the outbox may shed when space runs short: compliant records. The
         * manifest still lists each image with its SHA-256 and size, so that an image sent later verifies against it.
         */
        BESIDE
    }

    public static final String PASSAGE_ENTRY = "passage.json";

    private static final DateTimeFormatter PLATFORM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int PLATFORM_AXLES = 6;

    public CaseContent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        entries = List.copyOf(entries);
        beside = List.copyOf(beside);
    }

    /**
     * The content of the packet of {@code verdict}, the {@code sequence}-th of the gateway's chain.
     *
     * @param media reads the images the passage refers to; a file that cannot be read or differs from what was
     *              recorded is named under {@code problems} and the packet is made all the same
     */
    public static CaseContent of(Verdict verdict, CaseContext context, long sequence, MediaSource media) {
        return of(verdict, context, sequence, media, Images.INSIDE);
    }

    /** {@link #of(Verdict, CaseContext, long, MediaSource)} with the images inside or beside the packet. */
    public static CaseContent of(Verdict verdict, CaseContext context, long sequence, MediaSource media, Images images) {
        return new Assembly(verdict, context, sequence, media, images).build();
    }

    /** Collects the entries while the fields are written, so that each field can name the entries it refers to. */
    private static final class Assembly {

        private final Verdict verdict;
        private final Passage passage;
        private final CaseContext context;
        private final long sequence;
        private final MediaSource media;
        private final Images images;
        private final Map<String, CaseEntry> entries = new LinkedHashMap<>();
        private final Map<String, CaseEntry> beside = new LinkedHashMap<>();
        private final List<Object> problems = new ArrayList<>();
        /** The entry each media file went into, by its reference (path, SHA-256, size): a file shared is put in once. */
        private final Map<String, String> mediaNames = new java.util.HashMap<>();

        Assembly(Verdict verdict, CaseContext context, long sequence, MediaSource media, Images images) {
            this.verdict = verdict;
            this.passage = verdict.passage();
            this.context = context;
            this.sequence = sequence;
            this.media = media;
            this.images = images;
        }

        CaseContent build() {
            String caseId = CaseId.of(context.gateway().stationCode(), passage.time(), context.zone(), sequence);
            UUID uuid = CaseId.uuid(context.gateway().id(), sequence);
            add(PASSAGE_ENTRY, "passage", RecordJson.passage(passage).getBytes(StandardCharsets.UTF_8));

            Map<String, Object> f = new LinkedHashMap<>();
            f.put("caseId", caseId);
            f.put("uuid", uuid.toString());
            f.put("gatewayId", context.gateway().id()); // top level: verifiers keep one chain per gateway id
            f.put("gateway", context.gateway().fields());
            if (passage.flags().contains(PassageFlag.TEST)) {
                f.put("test", true); // a synthetic passage: the platform must never file it as a case (docs/evidence-format.md)
            }
            f.put("lane", passage.lane());
            f.put("passage", passageFields());
            f.put("verdict", verdictFields());
            f.put("vehicle", vehicleFields());
            if (passage.weigh() != null) {
                f.put("weigh", weighFields(passage.weigh(), "weigh-raw"));
            }
            if (!passage.alsoWeighed().isEmpty()) {
                f.put("alsoWeighed", passage.alsoWeighed().stream().map(w -> (Object) weighFields(w, "weigh-raw-also")).toList());
            }
            if (!passage.observations().isEmpty()) {
                f.put("observations", observationFields());
            }
            f.put("devices", devices());
            f.put("time", timeFields());
            f.put("platform", platformFields(caseId));
            f.put("entryRoles", entries.values().stream().map(e -> (Object) map("name", e.name(), "role", e.role())).toList());
            if (!beside.isEmpty()) {
                f.put("imagesBeside", beside.values().stream().map(e -> (Object) map("name", e.name(), "role", e.role(),
                        "sha256", sha256(e.content()), "size", e.content().length)).toList());
            }
            if (!problems.isEmpty()) {
                f.put("problems", List.copyOf(problems));
            }
            return new CaseContent(caseId, uuid, f, List.copyOf(entries.values()), List.copyOf(beside.values()));
        }

        private Map<String, Object> passageFields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", passage.id());
            m.put("time", passage.time().toString());
            m.put("localTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(passage.time().atZone(context.zone())));
            m.put("zone", context.zone().getId());
            m.put("flags", names(passage.flags()));
            m.put("entry", PASSAGE_ENTRY);
            return m;
        }

        private Map<String, Object> verdictFields() {
            List<Object> findings = new ArrayList<>();
            for (Finding x : verdict.findings()) {
                findings.add(map("code", x.code(), "legalBasis", x.legalBasis(), "explanation", x.explanation()));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outcome", verdict.outcome().name());
            m.put("enforcementCode", verdict.enforcementCode());
            m.put("findings", findings);
            return m;
        }

        private Map<String, Object> vehicleFields() {
            List<Object> reads = new ArrayList<>();
            int n = 0;
            for (PlateRead r : passage.plates()) {
                n++;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("camera", r.cameraId());
                m.put("lane", r.lane());
                m.put("position", r.position().name());
                m.put("plate", r.plate());
                m.put("rawText", r.rawText());
                m.put("kind", r.kind().name());
                m.put("color", r.color().name());
                m.put("confidence", r.confidence());
                m.put("time", r.time().toString());
                if (r.cameraTime() != null) {
                    m.put("cameraTime", r.cameraTime().toString());
                }
                m.put("received", r.received().toString());
                m.put("eventId", r.eventId());
                m.put("flags", names(r.flags()));
                m.put("notes", List.copyOf(r.notes()));
                m.put("images", mediaEntries(r.images(), "images/" + n + "-" + r.cameraId() + "-", "read-image:"));
                reads.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plate", passage.plate());
            m.put("trailerPlate", passage.trailerPlate());
            m.put("reads", reads);
            return m;
        }

        private Map<String, Object> weighFields(WeighRecord w, String role) {
            List<Object> axles = new ArrayList<>();
            for (Axle a : w.axles()) {
                axles.add(map("loadKg", a.loadKg(), "spacingMm", a.spacingToPreviousMm(), "tyres", a.tyres().name(),
                        "suspension", a.suspension().name()));
            }
            List<Object> groups = new ArrayList<>();
            for (AxleGroup g : w.groups()) {
                groups.add(map("firstAxle", g.firstAxle(), "axles", g.axles()));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", w.deviceId());
            m.put("lane", w.lane());
            m.put("time", w.time().toString());
            m.put("speedKmh", Decimals.text(w.speedKmh()));
            m.put("grossKg", w.grossWeightKg());
            m.put("axles", axles);
            m.put("groups", groups);
            m.put("accuracyClass", w.accuracyClass());
            if (w.verification() != null) {
                m.put("certificate", certificate(w.verification()));
            }
            m.put("flags", names(w.flags()));
            m.put("raw", add("raw/" + safe(w.deviceId()) + ".bin", role, w.raw()));
            return m;
        }

        private List<Object> observationFields() {
            List<Object> out = new ArrayList<>();
            int n = 0;
            for (Observation o : passage.observations()) {
                n++;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("camera", o.cameraId());
                m.put("lane", o.lane());
                m.put("time", o.time().toString());
                m.put("kind", o.kind().name());
                m.put("score", Decimals.text(o.score()));
                m.put("confidence", Decimals.text(o.confidence()));
                m.put("evidence", mediaEntries(o.evidence(), "observations/" + n + "-" + o.cameraId() + "-", "observation:"));
                out.add(m);
            }
            return out;
        }

        /** Every device whose data the case rests on, by id, with the verification certificate of weigh devices. */
        private List<Object> devices() {
            Map<String, Map<String, Object>> byId = new TreeMap<>();
            List<WeighRecord> weighed = new ArrayList<>(passage.alsoWeighed());
            if (passage.weigh() != null) {
                weighed.add(0, passage.weigh());
            }
            for (WeighRecord w : weighed) {
                Map<String, Object> m = map("id", w.deviceId(), "kind", DeviceKind.WEIGH_SENSOR.profileKind(),
                        "accuracyClass", w.accuracyClass());
                m.put("certified", w.verification() != null);
                if (w.verification() != null) {
                    m.put("certificate", certificate(w.verification()));
                }
                byId.putIfAbsent(w.deviceId(), m);
            }
            for (PlateRead r : passage.plates()) {
                byId.putIfAbsent(r.cameraId(), map("id", r.cameraId(), "kind", DeviceKind.ANPR_CAMERA.profileKind(),
                        "position", r.position().name()));
            }
            for (Observation o : passage.observations()) {
                byId.putIfAbsent(o.cameraId(), map("id", o.cameraId(), "kind", DeviceKind.SITE_CAMERA.profileKind()));
            }
            return List.copyOf(byId.values());
        }

        private Map<String, Object> timeFields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("passage", passage.time().toString());
            m.put("packed", context.packedAt().toString());
            m.put("clockSource", context.clock().source());
            m.put("clockSync", context.clock().sync());
            return m;
        }

        /**
         * The fields of the platform's pass-record standard (过车检测数据) that the case has, with the standard's
         * names and units (kg, km/h). Over-weight and over-rate are those of the statutory finding, else the posted one.
         */
        private Map<String, Object> platformFields(String caseId) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("previewCode", caseId);
            m.put("previewDate", PLATFORM_TIME.format(passage.time().atZone(context.zone())));
            m.put("previewStationCode", context.gateway().stationCode());
            m.put("laneNo", passage.lane());
            m.put("licenseCodeFront", passage.plate());
            m.put("licenseCodeBack", backPlate());
            m.put("licensePlateColor", plateColor());
            WeighRecord w = passage.weigh();
            if (w != null) {
                m.put("speed", Decimals.text(w.speedKmh()));
                m.put("totalWeight", w.grossWeightKg());
                if (!w.axles().isEmpty()) {
                    m.put("axisNum", w.axleCount());
                    for (int i = 0; i < Math.min(PLATFORM_AXLES, w.axleCount()); i++) {
                        m.put("axle" + (i + 1) + "Weight", w.axles().get(i).loadKg());
                    }
                }
                OverLimit.of(verdict.findings()).ifPresent(o -> {
                    m.put("overLimitWeight", o.overKg());
                    m.put("overLimitRate", o.ratePercent());
                });
            }
            return m;
        }

        /** A trailer's 挂 plate, else the settled plate when a rear camera read it, else empty. */
        private String backPlate() {
            if (!passage.trailerPlate().isEmpty()) {
                return passage.trailerPlate();
            }
            boolean rearRead = passage.plates().stream().anyMatch(r -> r.position() == CameraPosition.REAR
                    && r.isReadable() && r.plate().equals(passage.plate()));
            return passage.hasPlate() && rearRead ? passage.plate() : "";
        }

        /** The colour of the settled plate as its first read gave it; empty without a settled plate. */
        private String plateColor() {
            if (!passage.hasPlate()) {
                return "";
            }
            return passage.plates().stream().filter(r -> r.plate().equals(passage.plate())).findFirst()
                    .map(r -> r.color().name()).orElse("");
        }

        /**
         * The entries of {@code refs}, named {@code prefix + file name}. A file an earlier reference of this case already
         * brought in (the same path, SHA-256 and size: the clip and the before and after frames of an exit, which each
         * of its observations lists) is not copied again: its entry's name is given, with the role of its first use.
         */
        private List<Object> mediaEntries(List<MediaRef> refs, String prefix, String rolePrefix) {
            List<Object> names = new ArrayList<>();
            for (MediaRef ref : refs) {
                String key = ref.path() + "\n" + ref.sha256() + "\n" + ref.size();
                String earlier = mediaNames.get(key);
                if (earlier != null) {
                    names.add(earlier);
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = media.read(ref.path());
                } catch (IOException | RuntimeException e) {
                    problems.add(map("path", ref.path(), "problem", "not readable: " + e));
                    continue;
                }
                String sha256 = sha256(bytes);
                if (!sha256.equals(ref.sha256()) || bytes.length != ref.size()) {
                    problems.add(map("path", ref.path(), "problem", "differs from the file recorded at capture (" + ref.size()
                            + " bytes, SHA-256 " + ref.sha256() + "): now " + bytes.length + " bytes, SHA-256 " + sha256));
                }
                String name = add(images == Images.BESIDE ? beside : entries, prefix + safe(fileName(ref.path())),
                        rolePrefix + ref.role(), bytes);
                mediaNames.put(key, name);
                names.add(name);
            }
            return names;
        }

        private String add(String name, String role, byte[] content) {
            return add(entries, name, role, content);
        }

        /** Adds an entry under {@code name}, or under {@code name-2}, {@code -3}… when taken; returns the name used. */
        private String add(Map<String, CaseEntry> to, String name, String role, byte[] content) {
            String unique = name;
            for (int n = 2; entries.containsKey(unique) || beside.containsKey(unique); n++) {
                int dot = name.lastIndexOf('.');
                unique = dot > name.lastIndexOf('/') ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
            }
            to.put(unique, new CaseEntry(unique, role, content));
            return unique;
        }
    }

    private static Map<String, Object> certificate(Verification v) {
        return map("certificateId", v.certificateId(), "expires", v.expires().toString());
    }

    private static List<Object> names(Set<? extends Enum<?>> flags) {
        return flags.stream().map(e -> (Object) e.name()).toList();
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A name safe in a ZIP entry on every system: letters, digits, '.', '_' and '-'. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
