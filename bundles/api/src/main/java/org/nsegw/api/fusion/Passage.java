package org.nsegw.api.fusion;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.vision.Observation;
import org.nsegw.api.weigh.WeighRecord;

/**
 * One vehicle's passage through a lane: what the sensors and cameras said about it, put together.
 *
 * @param id           unique per gateway, stable across restarts
 * @param lane         the lane
 * @param time         the reference time of the passage (the weigh time, or the gate read)
 * @param weigh        the weigh record, or {@code null} when the passage has none
 * @param plates       the plate reads that belong to this vehicle, every one, readable or not
 * @param observations the cleanliness observations that belong to this vehicle or exit event
 * @param flags        what fusion noticed
 * @param plate        the vehicle's plate as fusion settled it: the front (tractor) plate, else the rear plate of a
 *                     vehicle without a trailer; empty when the reads do not settle it (then a flag says why)
 * @param trailerPlate the trailer's 挂 plate read at the rear of a combination; empty if none
 * @param alsoWeighed  weigh records of other sensors that weighed part of the same vehicle (a vehicle straddling two
 *                     lanes); empty normally
 * @param completed    when the passage was complete by the gateway's clock: the later of the arrival of its last plate
 *                     read and the moment fusion's windows allowed it to be decided (what is measured from to the case
 *                     notice at the platform); {@code null} when not known (a passage made before fusion set it)
 */
public record Passage(
        String id,
        String lane,
        Instant time,
        WeighRecord weigh,
        List<PlateRead> plates,
        List<Observation> observations,
        Set<PassageFlag> flags,
        String plate,
        String trailerPlate,
        List<WeighRecord> alsoWeighed,
        Instant completed) {

    /** A passage without its completion time. */
    public Passage(String id, String lane, Instant time, WeighRecord weigh, List<PlateRead> plates, List<Observation> observations,
            Set<PassageFlag> flags, String plate, String trailerPlate, List<WeighRecord> alsoWeighed) {
        this(id, lane, time, weigh, plates, observations, flags, plate, trailerPlate, alsoWeighed, null);
    }

    public Passage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(time, "time");
        plates = List.copyOf(plates);
        observations = List.copyOf(observations);
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(PassageFlag.class) : EnumSet.copyOf(flags));
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(trailerPlate, "trailerPlate");
        alsoWeighed = List.copyOf(alsoWeighed);
    }

    /** Whether fusion settled the vehicle's plate. */
    public boolean hasPlate() {
        return !plate.isEmpty();
    }

    public Optional<WeighRecord> weighRecord() {
        return Optional.ofNullable(weigh);
    }

    /** The same passage, complete at {@code when}. */
    public Passage completedAt(Instant when) {
        return new Passage(id, lane, time, weigh, plates, observations, flags, plate, trailerPlate, alsoWeighed, when);
    }
}
