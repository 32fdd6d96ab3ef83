package org.nsegw.weigh.internal.raw;

/**
 * Which pulse of row 1 is the same axle as which pulse of row 0. Axles keep their order on both rows, so the answer
 * is a monotone matching: the one with the most pairs whose delay (row 1 time minus row 0 time) is plausible, and
 * among those the one whose delay changes least from axle to axle (a vehicle's speed changes slowly).
 */
final class RowMatching {

    private RowMatching() {
    }

    /**
     * @param row0     pulse times on row 0, ascending
     * @param row1     pulse times on row 1, ascending
     * @param minDelay the shortest plausible delay between the rows
     * @param maxDelay the longest plausible delay
     * @return for each pulse of row 0, the index of its partner on row 1, or -1
     */
    static int[] match(double[] row0, double[] row1, double minDelay, double maxDelay) {
        int n0 = row0.length;
        int n1 = row1.length;
        int[] count = new int[n0 * n1];
        double[] cost = new double[n0 * n1];
        int[] previous = new int[n0 * n1];
        int best = -1;
        for (int i = 0; i < n0; i++) {
            for (int j = 0; j < n1; j++) {
                double d = row1[j] - row0[i];
                int at = i * n1 + j;
                if (d < minDelay || d > maxDelay) {
                    continue;
                }
                count[at] = 1;
                previous[at] = -1;
                for (int pi = 0; pi < i; pi++) {
                    for (int pj = 0; pj < j; pj++) {
                        int p = pi * n1 + pj;
                        if (count[p] == 0) {
                            continue;
                        }
                        int c = count[p] + 1;
                        double k = cost[p] + Math.abs(d - (row1[pj] - row0[pi]));
                        if (c > count[at] || c == count[at] && k < cost[at]) {
                            count[at] = c;
                            cost[at] = k;
                            previous[at] = p;
                        }
                    }
                }
                if (best < 0 || count[at] > count[best] || count[at] == count[best] && cost[at] < cost[best]) {
                    best = at;
                }
            }
        }
        int[] partner = new int[n0];
        java.util.Arrays.fill(partner, -1);
        for (int at = best; at >= 0; at = previous[at]) {
            partner[at / n1] = at % n1;
        }
        return partner;
    }
}
