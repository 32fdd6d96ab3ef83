package org.nsegw.weigh.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nsegw.api.weigh.Axle;

/** Outcomes as the one-line text the fixtures use, and the checks every codec test shares. */
final class Outcomes {

    private Outcomes() {
    }

    static String describe(Decoded<?> d) {
        if (d instanceof Decoded.Value<?> v) {
            return "value " + describeValue(v.value()) + " bytes=" + v.raw().length;
        }
        Decoded.Rejected<?> r = (Decoded.Rejected<?>) d;
        return r.reason() + " bytes=" + r.raw().length + " detail~" + r.detail();
    }

    static String describeValue(Object value) {
        if (value instanceof ScaleReading s) {
            return "weight=" + s.weight().toPlainString() + " unit=" + s.unit()
                    + " tare=" + (s.tare() == null ? "-" : s.tare().toPlainString())
                    + " flags=" + (s.flags().isEmpty() ? "-" : s.flags().stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        VehicleRecord r = (VehicleRecord) value;
        Map<String, String> extra = new TreeMap<>(r.extra());
        return "time=" + (r.time() == null ? "-" : r.time()) + " lane=" + (r.lane().isEmpty() ? "-" : r.lane())
                + " speed=" + r.speedKmh() + " gross=" + r.grossWeightKg()
                + " axles=" + r.axles().stream().map(a -> a.loadKg() + "@" + a.spacingToPreviousMm()).collect(Collectors.joining(","))
                + " extra=" + (extra.isEmpty() ? "-" : extra.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                        .collect(Collectors.joining(";")));
    }

    /** Whether an actual outcome matches a fixture's expectation; a rejection's detail is matched by its start. */
    static boolean matches(String expected, Decoded<?> actual) {
        String a = describe(actual);
        int d = expected.indexOf(" detail~");
        if (d < 0) {
            int ad = a.indexOf(" detail~");
            return (ad < 0 ? a : a.substring(0, ad)).equals(expected);
        }
        return a.startsWith(expected);
    }

    static void assertMatch(List<String> expected, List<? extends Decoded<?>> actual) {
        List<String> described = actual.stream().map(Outcomes::describe).toList();
        assertThat(actual).as("outcomes %s", described).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(matches(expected.get(i), actual.get(i))).as("outcome %d: expected [%s], got [%s]", i + 1,
                    expected.get(i), described.get(i)).isTrue();
        }
    }

    /** The raw bytes of the outcomes, joined in order. */
    static byte[] raw(List<? extends Decoded<?>> outcomes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        outcomes.forEach(d -> out.writeBytes(d.raw()));
        return out.toByteArray();
    }

    /** Feeds the stream in the given chunk sizes (cycled), then nothing more. */
    static <T> List<Decoded<T>> feedChunked(Codec<T> codec, byte[] stream, List<Integer> chunks) {
        List<Decoded<T>> out = new ArrayList<>();
        int at = 0;
        int k = 0;
        while (at < stream.length) {
            int n = chunks.isEmpty() ? stream.length : Math.min(Math.max(1, chunks.get(k++ % chunks.size())), stream.length - at);
            out.addAll(codec.feed(stream, at, n));
            at += n;
        }
        return out;
    }

    static List<Axle> axles(int... loadAndSpacing) {
        List<Axle> axles = new ArrayList<>();
        for (int i = 0; i < loadAndSpacing.length; i += 2) {
            axles.add(new Axle(loadAndSpacing[i], loadAndSpacing[i + 1]));
        }
        return axles;
    }
}
