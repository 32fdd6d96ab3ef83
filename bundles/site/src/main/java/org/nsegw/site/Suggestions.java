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

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
