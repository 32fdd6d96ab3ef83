package org.nsegw.anpr.internal.dahua;

import static org.nsegw.anpr.internal.Fixtures.bytes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nsegw.anpr.internal.Mutations;
import org.nsegw.anpr.internal.event.MalformedEvent;

/** Whatever bytes come, the Dahua parser answers with a message or a {@link MalformedEvent}, never anything else. */
class DahuaEventsFuzzTest {

    private static final List<String> FIXTURES = List.of("dahua/tollgate.json", "dahua/tollgate-colour-in-plate.json",
            "dahua/tollgate-no-plate.json", "dahua/keepalive.json");

    @Property(tries = 400)
    void randomBodies(@ForAll("randomBodies") byte[] body, @ForAll("paths") String path) {
        parses(path, body);
    }

    @Property(tries = 800)
    void mutatedBodies(@ForAll("mutatedBodies") byte[] body, @ForAll("paths") String path) {
        parses(path, body);
    }

    private static void parses(String path, byte[] body) {
        try {
            DahuaEvents.parse(path, body, DahuaEvents.DEFAULT_ZONE);
        } catch (MalformedEvent expected) {
            // the only way to refuse
        }
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(DahuaEvents.TOLLGATE_PATH, DahuaEvents.KEEP_ALIVE_PATH);
    }

    @Provide
    Arbitrary<byte[]> randomBodies() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.strings().withChars("{}[]:,\" PictureSnapInfoPlateNumberContent0123456789.-eE/+=\\")
                        .ofMaxLength(300).map(s -> ("{" + s).getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<byte[]> mutatedBodies() {
        return Arbitraries.of(FIXTURES).flatMap(f -> Mutations.of(bytes(f)));
    }
}
