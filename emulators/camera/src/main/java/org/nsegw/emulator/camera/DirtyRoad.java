package org.nsegw.emulator.camera;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When the road at the exit is dirty, in scenario time from the start: {@code SECONDS@START} windows, comma-separated
 * ({@code 600@120} is dirty from 2 minutes for 10 minutes).
 *
 * @param windows each {@code {start, end}} from the scenario start
 */
public record DirtyRoad(List<Duration[]> windows) {

    public static final DirtyRoad NEVER = new DirtyRoad(List.of());

    public DirtyRoad {
        windows = List.copyOf(windows);
    }

    public static DirtyRoad parse(String text) {
        if (text == null || text.isBlank()) {
            return NEVER;
        }
        List<Duration[]> w = new ArrayList<>();
        for (String item : text.split(",")) {
            String[] p = item.strip().split("@", 2);
            try {
                double seconds = Double.parseDouble(p[0]);
                double start = p.length == 2 ? Double.parseDouble(p[1]) : 0;
                if (seconds <= 0 || start < 0) {
                    throw new NumberFormatException();
                }
                Duration from = Duration.ofMillis(Math.round(start * 1000));
                w.add(new Duration[] {from, from.plusMillis(Math.round(seconds * 1000))});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + item + "' is not SECONDS@START (e.g. 600@120)", e);
            }
        }
        return new DirtyRoad(w);
    }

    /** Whether the road is dirty at {@code elapsed} from the scenario start. */
    public boolean at(Duration elapsed) {
        return windows.stream().anyMatch(w -> elapsed.compareTo(w[0]) >= 0 && elapsed.compareTo(w[1]) < 0);
    }
}
