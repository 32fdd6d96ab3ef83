package org.nsegw.fusion.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.anpr.PlateReadFlag;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.fusion.internal.LaneSettings.Camera;
import org.nsegw.fusion.internal.LaneSettings.Timing;

/**
 * Passage fusion for all lanes of one gateway. Pure: time comes from the records and from {@link #advance}; no threads,
 * no clock, no I/O; the same calls in the same order give the same passages. Not thread-safe: callers serialise.
 *
 * <p>Bridge lanes (front and rear cameras): each weigh record is a vehicle; its expected read time per camera follows
 * from speed, wheelbase and the camera's distance ({@link TimeModel}). A read inside a vehicle's window belongs to it
 * only when no other vehicle's window holds it too; only such reads settle plates ({@link Settlement}). A vehicle is
 * decided once no later record can claim its reads any more. Gate lanes (a gate camera): each gate read anchors an
 * exit, which takes the weighing and the observations that can be its own and no other exit's, by their time relative
 * to the read and by the order of single-file traffic ({@link GateModel}). See {@code docs/fusion.md}.
 */
public final class SiteFusion {

    /** At most this many undecided vehicles, exits, held reads or items per lane or camera; the oldest go first. */
    static final int MAX_PENDING = 10_000;

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Comparator<Passage> ORDER = Comparator.comparing(Passage::time).thenComparing(Passage::id);

    /** A camera where fusion knows it: its lane and place. */
    private record Placed(LaneSettings lane, Camera camera) {
    }

    /** A weighed vehicle of a bridge lane (two records when it straddled two lanes). */
    private static final class Vehicle {
        final long seq;
        WeighRecord record;
        LaneSettings lane;
        final List<WeighRecord> also = new ArrayList<>();
        final Set<String> lanes = new LinkedHashSet<>();
        final Map<String, Span> windows = new LinkedHashMap<>();
        Instant first;
        Instant last;
        Instant decideAt;
        Instant forgetAt;
        boolean decided;

        Vehicle(long seq, WeighRecord record, LaneSettings lane) {
            this.seq = seq;
            this.record = record;
            this.lane = lane;
            this.first = TimeModel.firstAxle(record);
            this.last = record.time();
            this.decideAt = record.time();
        }
    }

    /** A plate read waiting for its vehicle, or for its exit. */
    private static final class HeldRead {
        final long seq;
        final PlateRead read;
        final Placed place;
        final Span span;
        final Instant expiresAt;
        boolean taken;

        HeldRead(long seq, PlateRead read, Placed place, Span span, Instant expiresAt) {
            this.seq = seq;
            this.read = read;
            this.place = place;
            this.span = span;
            this.expiresAt = expiresAt;
        }
    }

    /** An exit at a gate: anchored on a gate read. */
    private static final class Exit {
        final HeldRead anchor;
        final Instant decideAt;
        final Instant latestAt;
        final Instant forgetAt;
        boolean decided;
        /** It took a weighing: a truck is weighed once, so no other weighing is its. */
        boolean weighed;

        Exit(HeldRead anchor, Instant decideAt, Instant latestAt, Instant forgetAt) {
            this.anchor = anchor;
            this.decideAt = decideAt;
            this.latestAt = latestAt;
            this.forgetAt = forgetAt;
        }
    }

    /** A weighing or an observation waiting for its exit. */
    private static final class Item {
        final long seq;
        final LaneSettings lane;
        final Instant time;
        final WeighRecord weigh;
        final Observation observation;
        final Instant due;
        final Instant forgetAt;
        /** Attached to an exit. */
        boolean taken;
        /** Emitted as a passage of its own (kept a while: a weighing no exit took tells of a truck whose read was missed). */
        boolean emitted;
        /** Two exits could take it, or it was its exit's first weighing while another exit could take that. */
        boolean ambiguous;

        Item(long seq, LaneSettings lane, Instant time, WeighRecord weigh, Observation observation, Instant due) {
            this.seq = seq;
            this.lane = lane;
            this.time = time;
            this.weigh = weigh;
            this.observation = observation;
            this.due = due;
            Timing t = lane.timing();
            this.forgetAt = TimeModel.plus(due, 3 * t.gateWindowSeconds() + 2 * t.gateObservationLeadSeconds() + t.latencySeconds());
        }

        boolean isWeighing() {
            return weigh != null;
        }
    }

    private final Map<String, LaneSettings> lanes = new LinkedHashMap<>();
    private final Map<String, Placed> cameras = new HashMap<>();
    private final Map<String, LaneSettings> laneOfSensor = new HashMap<>();
    private final Map<String, Set<String>> neighbours = new HashMap<>();
    private final Map<String, Double> maxHorizon = new HashMap<>();
    private final Map<String, List<Vehicle>> vehiclesByLane = new HashMap<>();
    private final Map<String, List<Vehicle>> vehiclesByCamera = new HashMap<>();
    private final Map<String, List<HeldRead>> readsByCamera = new LinkedHashMap<>();
    private final Map<String, List<Exit>> exitsByLane = new LinkedHashMap<>();
    private final Map<String, List<Item>> itemsByLane = new LinkedHashMap<>();
    private final Duplicates duplicates = new Duplicates();
    /** Each lane's readable reads of the last {@link #NEXT_DOOR_MEMORY}, to see a plate read in two lanes at once. */
    private final Map<String, ArrayDeque<PlateRead>> recentByLane = new HashMap<>();
    private final CameraClocks clocks = new CameraClocks();
    private long sequence;

    public SiteFusion(List<LaneSettings> lanes) {
        for (LaneSettings l : lanes) {
            if (this.lanes.putIfAbsent(l.id(), l) != null) {
                throw new IllegalArgumentException("lane " + l.id() + " is configured twice");
            }
        }
        for (LaneSettings l : lanes) {
            for (Camera c : l.cameras()) {
                Placed earlier = cameras.putIfAbsent(c.id(), new Placed(l, c));
                if (earlier != null) {
                    throw new IllegalArgumentException("camera " + c.id() + " is in lane " + earlier.lane().id() + " and in lane " + l.id());
                }
                readsByCamera.put(c.id(), new ArrayList<>());
                vehiclesByCamera.put(c.id(), new ArrayList<>());
            }
            l.weighSensors().forEach(s -> laneOfSensor.putIfAbsent(s, l));
            for (String n : l.neighbours()) {
                if (this.lanes.containsKey(n)) {
                    neighbours.computeIfAbsent(l.id(), k -> new TreeSet<>()).add(n);
                    neighbours.computeIfAbsent(n, k -> new TreeSet<>()).add(l.id());
                }
            }
            maxHorizon.put(l.id(), l.cameras().stream().mapToDouble(c -> TimeModel.claimHorizon(c, l.timing())).max().orElse(0));
            vehiclesByLane.put(l.id(), new ArrayList<>());
            exitsByLane.put(l.id(), new ArrayList<>());
            itemsByLane.put(l.id(), new ArrayList<>());
        }
    }

    /** A weigh record: a vehicle of a bridge lane, or a weighing at a gate. Returns the passages completed by it. */
    public List<Passage> weighed(WeighRecord record) {
        LaneSettings lane = lanes.get(record.lane());
        if (lane == null) {
            lane = laneOfSensor.get(record.deviceId());
        }
        if (lane == null) {
            // a weighing is evidence: never lost, even from a lane fusion does not know
            return List.of(new Passage(id(record.lane(), record.time(), record.deviceId()), record.lane(), record.time(), record,
                    List.of(), List.of(), EnumSet.of(PassageFlag.NO_PLATE), "", "", List.of()));
        }
        if (lane.isGate()) {
            return addItem(lane, record.time(), record, null);
        }
        List<Vehicle> inLane = vehiclesByLane.get(lane.id());
        for (Vehicle v : inLane) {
            if (v.record.equals(record) || v.also.contains(record)) {
                return List.of(); // the same record delivered twice
            }
        }
        Vehicle partner = straddlePartner(record, lane);
        if (partner != null) {
            straddle(partner, record, lane);
            return List.of();
        }
        Vehicle v = new Vehicle(++sequence, record, lane);
        claim(v, record, lane);
        List<Passage> out = new ArrayList<>();
        long undecided = inLane.stream().filter(x -> !x.decided).count();
        if (undecided > MAX_PENDING) {
            inLane.stream().filter(x -> !x.decided).min(Comparator.comparing((Vehicle x) -> x.decideAt).thenComparingLong(x -> x.seq))
                    .ifPresent(x -> out.add(decide(x)));
        }
        return out;
    }

    /** A plate read. Returns the passages completed by it. */
    public List<Passage> read(PlateRead read) {
        Placed place = place(read);
        if (place == null) {
            return List.of(); // a camera of no lane fusion knows: nothing to fuse it with
        }
        Timing t = place.lane().timing();
        if (duplicates.isRepeat(read, t.duplicateSeconds())) {
            return List.of();
        }
        Span span = TimeModel.readSpan(read, clocks.seen(read), t);
        String laneId = place.lane().id();
        if (place.lane().isGate()) {
            if (read.flags().contains(PlateReadFlag.WRONG_DIRECTION)) {
                return List.of(); // a vehicle entering the site: not an exit
            }
            HeldRead anchor = new HeldRead(++sequence, read, place, span, span.to());
            Instant latestAt = GateModel.latestAt(span, t);
            List<Exit> exits = exitsByLane.get(laneId);
            exits.add(new Exit(anchor, GateModel.decideAt(span, t), latestAt, GateModel.decideAt(Span.at(latestAt), t)));
            List<Passage> out = new ArrayList<>();
            if (exits.stream().filter(e -> !e.decided).count() > MAX_PENDING) {
                exits.stream().filter(e -> !e.decided).findFirst().ifPresent(e -> out.add(decideExit(e)));
            }
            return out;
        }
        Instant expires = TimeModel.plus(span.to(), maxHorizon.get(laneId) + t.latencySeconds());
        List<HeldRead> held = readsByCamera.get(place.camera().id());
        held.add(new HeldRead(++sequence, read, place, span, expires));
        remember(laneId, read);
        if (held.size() > MAX_PENDING) {
            held.remove(0);
        }
        return List.of();
    }

    /** A cleanliness observation of a site camera. Returns the passages completed by it. */
    public List<Passage> observed(Observation observation) {
        LaneSettings lane = lanes.get(observation.lane());
        if (lane == null) {
            return List.of(new Passage(id(observation.lane(), observation.time(), observation.cameraId()), observation.lane(),
                    observation.time(), null, List.of(), List.of(observation), EnumSet.of(PassageFlag.NO_PLATE), "", "", List.of()));
        }
        return addItem(lane, observation.time(), null, observation);
    }

    /** Time passes (gateway clock, supplied by the caller): emits every passage whose windows have closed by now. */
    public List<Passage> advance(Instant now) {
        List<Passage> out = new ArrayList<>();
        Set<Vehicle> due = new LinkedHashSet<>();
        vehiclesByLane.values().forEach(list -> list.stream().filter(v -> !v.decided && !v.decideAt.isAfter(now)).forEach(due::add));
        due.stream().sorted(Comparator.comparing((Vehicle v) -> v.decideAt).thenComparingLong(v -> v.seq))
                .forEach(v -> out.add(decide(v)));
        for (List<Exit> exits : exitsByLane.values()) {
            // in the order of the reads: single file
            for (Exit e : exits.stream().filter(e -> !e.decided)
                    .sorted(Comparator.comparing((Exit e) -> e.anchor.span.to()).thenComparingLong(e -> e.anchor.seq)).toList()) {
                if (!ready(e, now)) {
                    break;
                }
                out.add(decideExit(e));
            }
        }
        out.addAll(orphanReads(now));
        out.addAll(orphanItems(now));
        forget(now);
        out.sort(ORDER);
        return out;
    }

    /** Emits everything still pending (shutdown). */
    public List<Passage> flush() {
        return advance(Instant.MAX);
    }

    // --- bridge lanes -------------------------------------------------------------------------------------------------

    /** Puts the windows of {@code record}'s cameras in {@code lane} on the vehicle and sets when it can be decided. */
    private void claim(Vehicle v, WeighRecord record, LaneSettings lane) {
        Timing t = lane.timing();
        Instant decideAt = TimeModel.plus(record.time(), t.latencySeconds());
        for (Camera c : lane.cameras()) {
            Span w = TimeModel.window(record, c, t);
            v.windows.put(c.id(), w);
            vehiclesByCamera.get(c.id()).add(v);
            Instant ready = TimeModel.plus(w.to(), TimeModel.claimHorizon(c, t) + t.latencySeconds());
            decideAt = ready.isAfter(decideAt) ? ready : decideAt;
        }
        if (v.lanes.add(lane.id())) {
            vehiclesByLane.get(lane.id()).add(v);
        }
        v.decideAt = decideAt.isAfter(v.decideAt) ? decideAt : v.decideAt;
        v.forgetAt = TimeModel.plus(v.decideAt, 2 * (maxHorizon.get(lane.id()) + t.latencySeconds()));
    }

    /** An undecided vehicle of a neighbouring lane that {@code record} weighed again, the sensors said so, if any. */
    private Vehicle straddlePartner(WeighRecord record, LaneSettings lane) {
        Set<String> near = neighbours.getOrDefault(lane.id(), Set.of());
        double limit = lane.timing().straddleSeconds();
        for (String n : near) {
            for (Vehicle v : vehiclesByLane.get(n)) {
                if (!v.decided && v.also.isEmpty() && v.lane.id().equals(n)
                        && Math.abs(Duration.between(v.record.time(), record.time()).toNanos()) <= limit * 1e9
                        && alike(v.record, record)) {
                    return v;
                }
            }
        }
        return null;
    }

    /** Two records of one straddling vehicle: a sensor flagged it, and speed and axles agree. */
    static boolean alike(WeighRecord a, WeighRecord b) {
        boolean flagged = a.flags().contains(WeighFlag.LANE_CHANGE) || a.flags().contains(WeighFlag.PARTIAL_VEHICLE)
                || b.flags().contains(WeighFlag.LANE_CHANGE) || b.flags().contains(WeighFlag.PARTIAL_VEHICLE);
        double speedGap = Math.abs(a.speedKmh() - b.speedKmh());
        boolean speeds = speedGap <= Math.max(2, 0.05 * Math.max(a.speedKmh(), b.speedKmh()));
        boolean axles = a.axles().isEmpty() || b.axles().isEmpty() || a.axleCount() == b.axleCount();
        return flagged && speeds && axles;
    }

    private void straddle(Vehicle v, WeighRecord record, LaneSettings lane) {
        if (record.grossWeightKg() > v.record.grossWeightKg()) {
            v.also.add(v.record);
            v.record = record;
            v.lane = lane;
        } else {
            v.also.add(record);
        }
        Instant first = TimeModel.firstAxle(record);
        v.first = first.isBefore(v.first) ? first : v.first;
        v.last = record.time().isAfter(v.last) ? record.time() : v.last;
        claim(v, record, lane);
    }

    private Passage decide(Vehicle v) {
        v.decided = true;
        List<PlateRead> attached = new ArrayList<>();
        List<PlateRead> exclusive = new ArrayList<>();
        List<HeldRead> weak = new ArrayList<>();
        boolean ambiguous = false;
        for (Map.Entry<String, Span> w : v.windows.entrySet()) {
            for (HeldRead h : readsByCamera.get(w.getKey())) {
                if (!h.span.intersects(w.getValue())) {
                    continue;
                }
                if (TimeModel.isWeak(h.span)) {
                    weak.add(h);
                    continue;
                }
                attached.add(h.read);
                boolean mine = !h.read.flags().contains(PlateReadFlag.WRONG_DIRECTION) && claimants(h, w.getKey()) == 1
                        && !readNextDoor(h, v.windows.keySet());
                if (mine) {
                    exclusive.add(h.read);
                } else {
                    ambiguous = true;
                }
                h.taken = true;
            }
        }
        Settlement s = Settlement.settle(exclusive, ambiguous);
        // A read whose time is the receive time may be any vehicle's of the last seconds: it confirms, never settles.
        for (HeldRead h : weak) {
            boolean confirms = h.read.isReadable() && (h.read.plate().equals(s.plate()) || h.read.plate().equals(s.trailerPlate()));
            if (confirms || s.plate().isEmpty()) {
                attached.add(h.read);
                h.taken = true;
                ambiguous |= !confirms;
            }
        }
        if (ambiguous && !s.flags().contains(PassageFlag.AMBIGUOUS_READ)) {
            s = Settlement.settle(exclusive, true);
        }
        Set<PassageFlag> flags = EnumSet.noneOf(PassageFlag.class);
        flags.addAll(s.flags());
        if (!v.also.isEmpty()) {
            flags.add(PassageFlag.STRADDLING);
        }
        if (tailgating(v)) {
            flags.add(PassageFlag.TAILGATING);
        }
        attached.sort(Comparator.comparing(PlateRead::time).thenComparing(PlateRead::cameraId));
        return new Passage(id(v.lane.id(), v.record.time(), v.record.deviceId()), v.lane.id(), v.record.time(), v.record,
                attached, List.of(), flags, s.plate(), s.trailerPlate(), v.also, later(v.decideAt, lastArrival(attached)));
    }

    /** How long a lane remembers its reads for {@link #readNextDoor}. */
    static final Duration NEXT_DOOR_MEMORY = Duration.ofSeconds(60);
    /** How close in time the same plate read in two lanes is one vehicle seen by both. */
    static final Duration NEXT_DOOR_SAME_TIME = Duration.ofSeconds(2);

    private void remember(String lane, PlateRead read) {
        if (!read.isReadable()) {
            return;
        }
        ArrayDeque<PlateRead> recent = recentByLane.computeIfAbsent(lane, l -> new ArrayDeque<>());
        Instant forget = read.time().minus(NEXT_DOOR_MEMORY);
        while (!recent.isEmpty() && (recent.peekFirst().time().isBefore(forget) || recent.size() >= MAX_PENDING)) {
            recent.pollFirst();
        }
        recent.addLast(read);
    }

    /**
     * Whether a camera of a neighbouring lane, at the same position, read the same plate at about the same time, other
     * than a camera this vehicle straddled to: one of the two cameras caught the vehicle next to its own lane's. For a
     * vehicle ({@code ownCameras} not empty) that matters when a vehicle of the neighbouring lane may take that read
     * too; a read no vehicle takes ({@code ownCameras} empty) is then simply the neighbour's.
     */
    private boolean readNextDoor(HeldRead h, Set<String> ownCameras) {
        if (!h.read.isReadable()) {
            return false;
        }
        for (String n : neighbours.getOrDefault(h.place.lane().id(), Set.of())) {
            for (PlateRead other : recentByLane.getOrDefault(n, new ArrayDeque<>())) {
                if (other.plate().equals(h.read.plate()) && other.position() == h.read.position()
                        && !ownCameras.contains(other.cameraId())
                        && Duration.between(other.time(), h.read.time()).abs().compareTo(NEXT_DOOR_SAME_TIME) <= 0
                        && (ownCameras.isEmpty() || vehiclesByCamera.getOrDefault(other.cameraId(), List.of()).stream()
                                .anyMatch(x -> x.windows.get(other.cameraId()).contains(other.time())))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many vehicles' windows on {@code camera} hold the read. */
    private int claimants(HeldRead h, String camera) {
        int n = 0;
        for (Vehicle v : vehiclesByCamera.get(camera)) {
            if (h.span.intersects(v.windows.get(camera))) {
                n++;
            }
        }
        return n;
    }

    /** Whether another vehicle of the same lanes crossed the sensor closer than the tailgating gap to this one. */
    private boolean tailgating(Vehicle v) {
        double gap = v.lane.timing().tailgatingSeconds();
        for (String laneId : v.lanes) {
            for (Vehicle o : vehiclesByLane.get(laneId)) {
                if (o == v) {
                    continue;
                }
                Duration between = o.first.isBefore(v.first) ? Duration.between(o.last, v.first) : Duration.between(v.last, o.first);
                if (between.toNanos() < gap * 1e9) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads no vehicle claimed, once none can: dropped, or a NO_WEIGHT passage when the lane wants them (not when a
     * camera of a neighbouring lane read the plate at the same time: the camera caught the truck next door).
     */
    private List<Passage> orphanReads(Instant now) {
        List<HeldRead> expired = new ArrayList<>();
        for (Map.Entry<String, List<HeldRead>> e : readsByCamera.entrySet()) {
            for (HeldRead h : e.getValue()) {
                if (!h.expiresAt.isAfter(now) && !claimedByUndecided(h)) {
                    expired.add(h);
                }
            }
        }
        expired.sort(Comparator.comparing((HeldRead h) -> h.read.time()).thenComparingLong(h -> h.seq));
        List<Passage> out = new ArrayList<>();
        for (HeldRead h : expired) {
            if (!h.taken && !claimedByAny(h) && wanted(h) && !readNextDoor(h, Set.of())) {
                out.add(unweighed(h));
            }
            h.taken = true;
        }
        readsByCamera.values().forEach(list -> list.removeIf(h -> h.taken && !h.expiresAt.isAfter(now)));
        return out;
    }

    private boolean claimedByUndecided(HeldRead h) {
        return vehiclesByCamera.get(h.place.camera().id()).stream()
                .anyMatch(v -> !v.decided && h.span.intersects(v.windows.get(h.place.camera().id())));
    }

    private boolean claimedByAny(HeldRead h) {
        return claimants(h, h.place.camera().id()) > 0;
    }

    private static boolean wanted(HeldRead h) {
        PlateRead r = h.read;
        return switch (h.place.lane().timing().unweighed()) {
            case NONE -> false;
            case ALL -> r.isReadable();
            case LARGE -> r.isReadable() && (r.kind() == PlateKind.TRAILER || r.color() == PlateColor.YELLOW
                    || r.color() == PlateColor.YELLOW_GREEN);
        };
    }

    /**
     * A NO_WEIGHT passage for a read no vehicle claimed; the same plate read by a rear camera of the lane later (the same
     * vehicle's rear) joins it, so that one unweighed truck makes one passage.
     */
    private Passage unweighed(HeldRead h) {
        List<PlateRead> reads = new ArrayList<>(List.of(h.read));
        if (h.place.camera().position() == CameraPosition.FRONT) {
            Instant until = TimeModel.plus(h.read.time(), maxHorizon.get(h.place.lane().id()));
            for (Camera c : h.place.lane().cameras()) {
                if (c.position() != CameraPosition.REAR) {
                    continue;
                }
                for (HeldRead r : readsByCamera.get(c.id())) {
                    if (!r.taken && r.read.plate().equals(h.read.plate()) && !r.read.time().isBefore(h.read.time())
                            && !r.read.time().isAfter(until) && !claimedByAny(r)) {
                        reads.add(r.read);
                        r.taken = true;
                    }
                }
            }
        }
        Settlement s = Settlement.settle(reads, false);
        Set<PassageFlag> flags = EnumSet.of(PassageFlag.NO_WEIGHT);
        flags.addAll(s.flags());
        String lane = h.place.lane().id();
        return new Passage(id(lane, h.read.time(), h.read.cameraId()), lane, h.read.time(), null, reads, List.of(), flags, s.plate(),
                s.trailerPlate(), List.of(), later(h.expiresAt, lastArrival(reads)));
    }

    // --- gates --------------------------------------------------------------------------------------------------------

    private List<Passage> addItem(LaneSettings lane, Instant time, WeighRecord weigh, Observation observation) {
        List<Item> items = itemsByLane.get(lane.id());
        Item item = new Item(++sequence, lane, time, weigh, observation, GateModel.due(time, weigh != null, lane.timing()));
        items.add(item);
        if (items.size() > MAX_PENDING) {
            Item oldest = items.remove(0);
            if (!oldest.taken && !oldest.emitted) {
                oldest.emitted = true;
                return orphan(List.of(oldest));
            }
        }
        return List.of();
    }

    /**
     * The exits that may take an item: those whose read fits the item's time ({@link GateModel#fits}) and whose truck no
     * later read shows to have left the scale before the item ({@link GateModel#closes}); for a weighing, not those that
     * took one already. In order of their reads.
     */
    private List<Exit> candidates(Item item) {
        Timing t = item.lane.timing();
        List<Exit> exits = exitsByLane.get(item.lane.id());
        List<Exit> out = new ArrayList<>();
        for (Exit e : exits) {
            if (item.isWeighing() && e.weighed || !GateModel.fits(e.anchor.span, item.time, item.isWeighing(), t)) {
                continue;
            }
            boolean closed = false;
            for (Exit later : exits) {
                if (later != e && GateModel.closes(e.anchor.span, later.anchor.span, item.time, t)) {
                    closed = true;
                    break;
                }
            }
            if (!closed) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing((Exit e) -> e.anchor.span.to()).thenComparingLong(e -> e.anchor.seq));
        return out;
    }

    /**
     * Whether an exit can be decided: every item it may take and every read that may claim one of them have arrived; and
     * when it has observations, no truck whose read was missed can still show up by its weighing: the next read closed
     * the exit, or the latest time has come.
     */
    private boolean ready(Exit e, Instant now) {
        if (now.isBefore(e.decideAt)) {
            return false;
        }
        if (!now.isBefore(e.latestAt)) {
            return true;
        }
        LaneSettings lane = e.anchor.place.lane();
        boolean observed = itemsByLane.get(lane.id()).stream()
                .anyMatch(i -> !i.taken && !i.emitted && !i.isWeighing() && candidates(i).contains(e));
        return !observed || exitsByLane.get(lane.id()).stream().anyMatch(n -> GateModel.follows(e.anchor.span, n.anchor.span, lane.timing())
                && !now.isBefore(GateModel.afterNext(n.anchor.span, lane.timing())));
    }

    /**
     * An exit: its read, the first weighing that may be its own when no other exit may take that weighing, and the
     * observations no other exit, nor a truck whose read was missed (a weighing no exit can take), may take. A weighing or
     * observation that could be another's stays out (it becomes a passage without plate) and flags this exit
     * AMBIGUOUS_READ; a later weighing only this exit could take is a truck whose gate read was missed (single file: one
     * weighing per truck).
     */
    private Passage decideExit(Exit e) {
        e.decided = true;
        LaneSettings lane = e.anchor.place.lane();
        boolean ambiguous = false;
        Item weighing = null;
        List<Item> items = new ArrayList<>(itemsByLane.get(lane.id()));
        items.sort(Comparator.comparing((Item i) -> i.time).thenComparingLong(i -> i.seq));
        for (Item item : items) {
            if (item.taken || item.emitted || !item.isWeighing()) {
                continue;
            }
            List<Exit> candidates = candidates(item);
            if (candidates.contains(e)) {
                if (candidates.size() == 1) {
                    weighing = item;
                    item.taken = true;
                    e.weighed = true;
                } else {
                    ambiguous = true;
                    item.ambiguous = true;
                }
                break; // the first weighing that may be this truck's is the only one that may be
            }
        }
        List<Item> unread = items.stream().filter(i -> i.isWeighing() && !i.taken && candidates(i).isEmpty()).toList();
        List<Observation> observations = new ArrayList<>();
        for (Item item : items) {
            if (item.taken || item.emitted || item.isWeighing()) {
                continue;
            }
            List<Exit> candidates = candidates(item);
            if (!candidates.contains(e)) {
                continue;
            }
            if (candidates.size() == 1 && unread.stream().noneMatch(w -> GateModel.unreadTruckMayOwn(w.time, item.time, lane.timing()))) {
                observations.add(item.observation);
                item.taken = true;
            } else {
                ambiguous = true;
                item.ambiguous = true;
            }
        }
        PlateRead read = e.anchor.read;
        Settlement s = Settlement.settle(List.of(read), ambiguous);
        Set<PassageFlag> flags = EnumSet.noneOf(PassageFlag.class);
        flags.addAll(s.flags());
        if (weighing == null && !lane.weighSensors().isEmpty()) {
            flags.add(PassageFlag.NO_WEIGHT);
        }
        observations.sort(Comparator.comparing(Observation::time).thenComparing(Observation::cameraId));
        return new Passage(id(lane.id(), read.time(), read.cameraId()), lane.id(), read.time(),
                weighing == null ? null : weighing.weigh, List.of(read), observations, flags, s.plate(), s.trailerPlate(), List.of(),
                later(e.decideAt, read.received()));
    }

    /**
     * Weighings and observations no exit took, once every read that may claim them has arrived and every exit that may
     * take them has been decided: a weighing alone, or the observations close together, as a passage without plate.
     */
    private List<Passage> orphanItems(Instant now) {
        List<Item> expired = new ArrayList<>();
        for (List<Item> items : itemsByLane.values()) {
            for (Item item : items) {
                if (!item.taken && !item.emitted && !item.due.isAfter(now) && candidates(item).stream().allMatch(e -> e.decided)) {
                    expired.add(item);
                }
            }
        }
        List<Passage> out = orphan(expired);
        expired.forEach(i -> i.emitted = true);
        return out;
    }

    private List<Passage> orphan(List<Item> items) {
        List<Passage> out = new ArrayList<>();
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing((Item i) -> i.lane.id()).thenComparing((Item i) -> i.time).thenComparingLong(i -> i.seq));
        List<Item> group = new ArrayList<>();
        for (Item item : sorted) {
            if (item.isWeighing()) {
                out.add(unclaimed(List.of(item)));
                continue;
            }
            if (!group.isEmpty() && (group.get(0).lane != item.lane || Duration.between(group.get(group.size() - 1).time, item.time)
                    .toNanos() > item.lane.timing().gateWindowSeconds() * 1e9)) {
                out.add(unclaimed(group));
                group = new ArrayList<>();
            }
            group.add(item);
        }
        if (!group.isEmpty()) {
            out.add(unclaimed(group));
        }
        return out;
    }

    /**
     * A passage without plate for a weighing, or for observations close together, no exit took. When exits could have
     * taken them, their gate reads are in it (for the reviewer; they settle nothing) and it is flagged AMBIGUOUS_READ.
     */
    private Passage unclaimed(List<Item> group) {
        Item first = group.get(0);
        LaneSettings lane = first.lane;
        Set<PassageFlag> flags = EnumSet.of(PassageFlag.NO_PLATE);
        if (!first.isWeighing() && !lane.weighSensors().isEmpty()) {
            flags.add(PassageFlag.NO_WEIGHT);
        }
        List<PlateRead> reads = new ArrayList<>();
        for (Item item : group) {
            if (item.ambiguous || candidates(item).size() > 1) {
                flags.add(PassageFlag.AMBIGUOUS_READ);
                candidates(item).stream().map(e -> e.anchor.read).filter(r -> !reads.contains(r)).forEach(reads::add);
            }
        }
        reads.sort(Comparator.comparing(PlateRead::time).thenComparing(PlateRead::cameraId));
        Instant due = group.stream().map(i -> i.due).max(Comparator.naturalOrder()).orElse(null);
        if (first.isWeighing()) {
            WeighRecord w = first.weigh;
            return new Passage(id(lane.id(), w.time(), w.deviceId()), lane.id(), w.time(), w, reads, List.of(), flags, "", "",
                    List.of(), due);
        }
        List<Observation> observations = group.stream().map(i -> i.observation).toList();
        Observation o = observations.get(0);
        return new Passage(id(lane.id(), o.time(), o.cameraId()), lane.id(), o.time(), null, reads, observations, flags, "", "",
                List.of(), due);
    }

    // --- bookkeeping --------------------------------------------------------------------------------------------------

    private Placed place(PlateRead read) {
        Placed known = cameras.get(read.cameraId());
        if (known != null) {
            return known;
        }
        // a camera missing from the lane's settings: its lane's only camera at the same position stands in for it
        LaneSettings lane = lanes.get(read.lane());
        if (lane == null) {
            return null;
        }
        List<Camera> same = lane.cameras().stream().filter(c -> c.position() == read.position()).toList();
        return same.size() == 1 ? new Placed(lane, same.get(0)) : null;
    }

    private void forget(Instant now) {
        for (List<Vehicle> list : vehiclesByLane.values()) {
            list.removeIf(v -> v.decided && !v.forgetAt.isAfter(now));
        }
        for (List<Vehicle> list : vehiclesByCamera.values()) {
            list.removeIf(v -> v.decided && !v.forgetAt.isAfter(now));
        }
        for (List<Exit> list : exitsByLane.values()) {
            list.removeIf(e -> e.decided && !e.forgetAt.isAfter(now));
        }
        for (List<Item> list : itemsByLane.values()) {
            list.removeIf(i -> i.taken || i.emitted && !i.forgetAt.isAfter(now));
        }
    }

    /** The later of two instants, either may be null. */
    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }

    /** When the last of the reads arrived at the gateway; null without reads. */
    private static Instant lastArrival(List<PlateRead> reads) {
        Instant last = null;
        for (PlateRead r : reads) {
            last = later(last, r.received());
        }
        return last;
    }

    /**
     * The earliest moment after {@code now} at which {@link #advance} may emit a passage: a vehicle's or an exit's decision
     * time, a read's expiry, an item's due time. A caller that advances fusion then, rather than at its next periodic
     * tick, emits passages as soon as their windows allow. Empty when nothing is pending.
     */
    public Optional<Instant> nextDeadline(Instant now) {
        Instant next = null;
        for (List<Vehicle> list : vehiclesByLane.values()) {
            for (Vehicle v : list) {
                if (!v.decided && v.decideAt.isAfter(now) && (next == null || v.decideAt.isBefore(next))) {
                    next = v.decideAt;
                }
            }
        }
        for (List<Exit> list : exitsByLane.values()) {
            for (Exit e : list) {
                if (!e.decided && e.decideAt.isAfter(now) && (next == null || e.decideAt.isBefore(next))) {
                    next = e.decideAt;
                }
            }
        }
        for (List<HeldRead> list : readsByCamera.values()) {
            for (HeldRead h : list) {
                if (!h.taken && h.expiresAt.isAfter(now) && (next == null || h.expiresAt.isBefore(next))) {
                    next = h.expiresAt;
                }
            }
        }
        for (List<Item> list : itemsByLane.values()) {
            for (Item i : list) {
                if (!i.taken && !i.emitted && i.due.isAfter(now) && (next == null || i.due.isBefore(next))) {
                    next = i.due;
                }
            }
        }
        return Optional.ofNullable(next);
    }

    /** Passage ids: the lane, the passage's time to the millisecond (UTC) and the device that anchors it. */
    static String id(String lane, Instant time, String device) {
        return lane + "-" + ID_TIME.format(time) + "-" + device;
    }
}
