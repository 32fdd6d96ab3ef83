package org.nsegw.emulator.platform;

/**
 * What one receiver instance handled since it started (instances sharing a store each count their own; the store's
 * {@code received.jsonl} holds every instance's outcomes).
 *
 * @param notices         case notices received
 * @param chunks          chunk messages received, repeats included
 * @param repeatedChunks  chunks that were already kept (or whose case was already stored): ignored
 * @param verified        packets this instance assembled, verified, stored and acknowledged VERIFIED
 * @param rejected        cases this instance answered REJECTED
 * @param duplicates      notices of cases already stored, answered VERIFIED again
 * @param missingRequests MISSING answers sent
 * @param ignored         messages that were not a valid notice or chunk (logged)
 * @param commits         batches of completed cases made durable together (one forcing of their files each)
 * @param answersAgain    answers published again: their publish failed or was not PUBACKed in time
 */
public record Counts(long notices, long chunks, long repeatedChunks, long verified, long rejected, long duplicates,
        long missingRequests, long ignored, long commits, long answersAgain) {

    @Override
    public String toString() {
        return notices + " notices, " + chunks + " chunks (" + repeatedChunks + " repeated), " + verified
                + " packets verified, " + rejected + " rejected, " + duplicates + " duplicates, " + missingRequests
                + " MISSING requests, " + ignored + " ignored messages, " + commits + " commits, " + answersAgain
                + " answers published again";
    }
}
