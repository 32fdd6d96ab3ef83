package org.nsegw.outbox;

/**
 * How full the outbox is.
 *
 * @param usedBytes the packet files and the images not shed (the database, a few hundred bytes a packet, is not counted)
 * @param percent {@code usedBytes} in percent of the quota, rounded down; more than 100 when cases were stored over it
 * @param pending items the platform has not acknowledged yet (in any state before {@link State#ACKNOWLEDGED})
 * @param unacknowledgedCases of those, the violations and cases for review
 */
public record Usage(long usedBytes, long quotaBytes, int percent, long pending, long unacknowledgedCases) {

    /** Whether the usage has reached the given percentage of the quota. */
    public boolean reached(int alarmPercent) {
        return percent >= alarmPercent;
    }
}
