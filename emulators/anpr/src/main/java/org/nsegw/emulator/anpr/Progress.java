package org.nsegw.emulator.anpr;

import java.util.Map;

/**
 * What the emulator has done so far, over all cameras.
 *
 * @param reads        reads handled (every sighting, whatever became of it)
 * @param delivered    events the gateway accepted (2xx) or received on a stream, repeats included
 * @param missed       reads the cameras missed (fault)
 * @param offline      reads lost to offline windows
 * @param failed       pushes that failed after every try
 * @param rejected     pushes answered 4xx
 * @param duplicates   repeated pushes
 * @param heartbeats   heartbeats sent (pushed KeepAlives answered or not, and stream heartbeats)
 * @param responses    HTTP exchanges of pushes and heartbeats by status
 * @param noAnswer     exchanges that got no answer
 * @param finished     whether every camera has handled all its reads
 */
public record Progress(
        long reads,
        long delivered,
        long missed,
        long offline,
        long failed,
        long rejected,
        long duplicates,
        long heartbeats,
        Map<Integer, Long> responses,
        long noAnswer,
        boolean finished) {

    public Progress {
        responses = Map.copyOf(responses);
    }
}
