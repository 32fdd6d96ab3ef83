package org.nsegw.anpr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.anpr.internal.Fixtures.bytes;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nsegw.anpr.internal.dahua.DahuaEvents;
import org.nsegw.anpr.internal.dahua.DahuaSnapStream;
import org.nsegw.anpr.internal.isapi.IsapiAlertStream;
import org.nsegw.anpr.internal.stream.Pulled;

/** Damaged pull streams, fed in any pieces, give messages and refusals: never an exception, never unbounded memory. */
class PullStreamsFuzzTest {

    @Property(tries = 400)
    void isapiAlertStream(@ForAll("isapiStreams") byte[] stream, @ForAll("chunkSizes") int chunk) {
        IsapiAlertStream s = new IsapiAlertStream("boundary");
        for (int i = 0; i < stream.length; i += chunk) {
            for (Pulled p : s.feed(stream, i, Math.min(chunk, stream.length - i))) {
                assertThat(p).isNotNull();
            }
            assertThat(s.held()).isLessThan(10 * 1024 * 1024);
        }
        s.end();
    }

    @Property(tries = 400)
    void dahuaSnapStream(@ForAll("dahuaStreams") byte[] stream, @ForAll("chunkSizes") int chunk) {
        DahuaSnapStream s = new DahuaSnapStream("myboundary", "cam", DahuaEvents.DEFAULT_ZONE);
        for (int i = 0; i < stream.length; i += chunk) {
            for (Pulled p : s.feed(stream, i, Math.min(chunk, stream.length - i))) {
                assertThat(p).isNotNull();
            }
            assertThat(s.held()).isLessThan(10 * 1024 * 1024);
        }
        s.end();
    }

    @Provide
    Arbitrary<Integer> chunkSizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 16), Arbitraries.integers().between(1, 8192));
    }

    @Provide
    Arbitrary<byte[]> isapiStreams() {
        return Arbitraries.of(List.of("streams/isapi-alertstream.bin", "streams/isapi-alertstream-broken.bin"))
                .flatMap(f -> Mutations.of(bytes(f)));
    }

    @Provide
    Arbitrary<byte[]> dahuaStreams() {
        return Arbitraries.of(List.of("streams/dahua-attachfileproc.bin", "streams/dahua-attachfileproc-broken.bin",
                "streams/dahua-eventmanager.bin")).flatMap(f -> Mutations.of(bytes(f)));
    }
}
