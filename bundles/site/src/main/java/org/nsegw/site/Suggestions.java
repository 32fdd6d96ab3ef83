package org.nsegw.site;

import java.util.Collection;
import java.util.Comparator;

/** "Did you mean ...?" for misspelt keys and values. */
final class Suggestions {

    private Suggestions() {
    }

    /** {@code " (did you mean 'x'?)"} for the closest candidate within a small edit distance, else "". */
    static String didYouMean(String typed, Collection<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(typed.toLowerCase(), c.toLowerCase()) <= Math.max(1, Math.min(3, c.length() / 3)))
                .min(Comparator.comparingInt(c -> distance(typed.toLowerCase(), c.toLowerCase())))
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
    }

    /**
     * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), since
     * {@code prot} for {@code port} is one slip of the fingers, not two.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
