package org.nsegw.uplink.internal.protocol;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one case's delivery stands: its notice and each chunk are unsent, in flight (published, no PUBACK yet) or
 * PUBACKed; then the gateway waits for the platform's {@code VERIFIED}. A PUBACK only says the broker has a message:
 * the case is done only when the platform verified it.
 *
 * <pre>
 * NOTICE --notice and chunks sent, all PUBACKed--> AWAITING --VERIFIED--> VERIFIED
 *   ^  reconnect: the notice again, chunks not PUBACKed again     |--REJECTED--> REJECTED (kept for a person)
 *   |                                                            MISSING: the listed chunks again (back to SENDING)
 * </pre>
 *
 * <p>Not thread-safe: one sender thread owns it.
 */
public final class Transfer {

    public enum Phase {
        /** The notice or some chunks are not PUBACKed yet. */
        SENDING,
        /** The notice and every chunk are PUBACKed; waiting for the platform. */
        AWAITING,
        /** The platform has the whole packet and it verified. */
        VERIFIED,
        /** The platform says the packet does not verify; nothing more is sent on its own. */
        REJECTED
    }

    /** What to publish next: the notice, or one chunk by index. */
    public record Step(boolean notice, int index) {
        public static final Step NOTICE = new Step(true, -1);

        public static Step chunk(int index) {
            return new Step(false, index);
        }
    }

    private enum Part {
        UNSENT, IN_FLIGHT, PUBACKED
    }

    private final String caseId;
    private Part notice = Part.UNSENT;
    private final Part[] chunks;
    private Phase terminal;

    public Transfer(String caseId, int chunks) {
        this.caseId = Objects.requireNonNull(caseId, "caseId");
        if (chunks < 1) {
            throw new IllegalArgumentException("a packet has at least one chunk, not " + chunks);
        }
        this.chunks = new Part[chunks];
        Arrays.fill(this.chunks, Part.UNSENT);
    }

    public String caseId() {
        return caseId;
    }

    public int chunks() {
        return chunks.length;
    }

    public Phase phase() {
        if (terminal != null) {
            return terminal;
        }
        if (notice != Part.PUBACKED) {
            return Phase.SENDING;
        }
        for (Part c : chunks) {
            if (c != Part.PUBACKED) {
                return Phase.SENDING;
            }
        }
        return Phase.AWAITING;
    }

    /** The next thing to publish: the notice first, then the first unsent chunk in order; empty when nothing is due. */
    public Optional<Step> next() {
        if (terminal != null) {
            return Optional.empty();
        }
        if (notice == Part.UNSENT) {
            return Optional.of(Step.NOTICE);
        }
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] == Part.UNSENT) {
                return Optional.of(Step.chunk(i));
            }
        }
        return Optional.empty();
    }

    /** The step was handed to the client (in flight until its PUBACK). */
    public void published(Step step) {
        set(step, Part.IN_FLIGHT);
    }

    /** The broker PUBACKed the step (a repeated PUBACK changes nothing). */
    public void pubacked(Step step) {
        set(step, Part.PUBACKED);
    }

    /** The step was not accepted (the client refused it or the PUBACK carried an error): send it again. */
    public void failed(Step step) {
        if (state(step) == Part.IN_FLIGHT) {
            set(step, Part.UNSENT);
        }
    }

    private Part state(Step step) {
        return step.notice() ? notice : chunks[checkIndex(step.index())];
    }

    private void set(Step step, Part to) {
        if (terminal != null) {
            return;
        }
        if (step.notice()) {
            if (notice != Part.PUBACKED || to == Part.UNSENT) {
                notice = to;
            }
        } else {
            int i = checkIndex(step.index());
            if (chunks[i] != Part.PUBACKED || to == Part.UNSENT) {
                chunks[i] = to;
            }
        }
    }

    /**
     * The connection was lost and is back: the notice is sent again (the platform may have missed it) and every chunk
     * without a PUBACK is sent again, from the first. A case whose chunks were all PUBACKed stays waiting.
     */
    public void reconnected() {
        if (phase() != Phase.SENDING) {
            return;
        }
        notice = Part.UNSENT;
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] == Part.IN_FLIGHT) {
                chunks[i] = Part.UNSENT;
            }
        }
    }

    /**
     * The platform lacks these chunks: they are sent again (those still in flight are left on their way).
     *
     * @throws IllegalArgumentException for an index outside the packet; then nothing changes
     */
    public void missing(Collection<Integer> indexes) {
        checkIndexes(indexes);
        if (terminal != null) {
            return;
        }
        for (int i : indexes) {
            if (chunks[i] == Part.PUBACKED) {
                chunks[i] = Part.UNSENT;
            }
        }
    }

    public void verified() {
        terminal = Phase.VERIFIED;
    }

    public void rejected() {
        if (terminal == null) {
            terminal = Phase.REJECTED;
        }
    }

    /** How many of the notice and chunks are published without a PUBACK. */
    public int inFlight() {
        int n = notice == Part.IN_FLIGHT ? 1 : 0;
        for (Part c : chunks) {
            if (c == Part.IN_FLIGHT) {
                n++;
            }
        }
        return n;
    }

    private void checkIndexes(Collection<Integer> indexes) {
        for (Integer i : indexes) {
            checkIndex(i == null ? -1 : i);
        }
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= chunks.length) {
            throw new IllegalArgumentException("case " + caseId + " has chunks 0 to " + (chunks.length - 1) + "; there is no chunk " + i);
        }
        return i;
    }

    @Override
    public String toString() {
        return caseId + " " + phase() + " notice " + notice + " chunks " + Arrays.toString(chunks);
    }
}
