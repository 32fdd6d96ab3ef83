package org.nsegw.emulator.anpr.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The mistakes plate recognition makes: one character read as one that looks like it. */
public final class Misreads {

    /** Pairs that recognition engines confuse; I and O never occur on plates, so 1/I and 0/O are not among them. */
    static final Map<Character, Character> SIMILAR = Map.ofEntries(
            Map.entry('8', 'B'), Map.entry('B', '8'),
            Map.entry('0', 'D'), Map.entry('D', '0'),
            Map.entry('5', 'S'), Map.entry('S', '5'),
            Map.entry('1', '7'), Map.entry('7', '1'),
            Map.entry('2', 'Z'), Map.entry('Z', '2'),
            Map.entry('6', 'G'), Map.entry('G', '6'),
            Map.entry('4', 'A'), Map.entry('A', '4'),
            Map.entry('3', '8'), Map.entry('H', 'N'),
            Map.entry('N', 'H'), Map.entry('U', 'V'),
            Map.entry('V', 'U'), Map.entry('E', 'F'),
            Map.entry('F', 'E'));

    private Misreads() {
    }

    /**
     * The plate with one character of its serial (never the province, the city letter or a suffix such as 挂: engines
     * check those against the plate's grammar) replaced by a similar one, or empty if none has a look-alike.
     */
    public static Optional<String> misread(String plate, RandomGenerator random) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 2; i < plate.length(); i++) {
            if (SIMILAR.containsKey(plate.charAt(i))) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int at = candidates.get(random.nextInt(candidates.size()));
        char[] chars = plate.toCharArray();
        chars[at] = SIMILAR.get(chars[at]);
        return Optional.of(new String(chars));
    }
}
