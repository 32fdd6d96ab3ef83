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
 * @param plates       the plate reads that belong to this vehicle
 * @param observations the cleanliness observations that belong to this vehicle or exit event
 * @param flags        what fusion noticed
 */
public record Passage(
        String id,
        String lane,
        Instant time,
        WeighRecord weigh,
        List<PlateRead> plates,
        List<Observation> observations,
        Set<PassageFlag> flags) {

    public Passage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(time, "time");
        plates = List.copyOf(plates);
        observations = List.copyOf(observations);
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(PassageFlag.class) : EnumSet.copyOf(flags));
    }

    public Optional<WeighRecord> weighRecord() {
        return Optional.ofNullable(weigh);
    }
}
