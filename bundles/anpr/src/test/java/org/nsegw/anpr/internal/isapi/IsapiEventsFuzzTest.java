package org.nsegw.anpr.internal.isapi;

import static org.nsegw.anpr.internal.Fixtures.bytes;
import static org.nsegw.anpr.internal.Fixtures.jpeg;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nsegw.anpr.internal.Mutations;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.stream.Multipart;

/** Whatever bytes come, the ISAPI parser answers with a message or a {@link MalformedEvent}, never anything else. */
class IsapiEventsFuzzTest {

    private static final List<String> FIXTURES = List.of("isapi/anpr-hikvision-namespace.xml",
            "isapi/anpr-isapi-namespace.xml", "isapi/anpr-without-uuid.xml", "isapi/anpr.json", "isapi/anpr-wrapped.json",
            "isapi/heartbeat.xml", "isapi/broken/xxe-file.xml");

    private static final List<IsapiPart> PARTS = List.of(
            new IsapiPart("licensePlatePicture.jpg", "image/jpeg", jpeg(64, 24, 3)),
            new IsapiPart("detectionPicture.jpg", "image/jpeg", jpeg(64, 48, 4)),
            new IsapiPart("vehiclePicture.jpg", "image/jpeg", jpeg(64, 48, 5)));

    @Property(tries = 400)
    void randomBytes(@ForAll("randomDocuments") byte[] document) {
        parses(document);
    }

    @Property(tries = 1000)
    void mutatedMessages(@ForAll("mutatedDocuments") byte[] document) {
        parses(document);
    }

    @Property(tries = 300)
    void mutatedPushRequests(@ForAll("mutatedRequests") byte[] body) {
        try {
            IsapiEvents.parseRequest("multipart/form-data; boundary=MIME_boundary", body);
        } catch (MalformedEvent expected) {
            // the only way to refuse
        }
    }

    private static void parses(byte[] document) {
        try {
            IsapiEvents.parse(document, PARTS);
        } catch (MalformedEvent expected) {
            // the only way to refuse
        }
    }

    @Provide
    Arbitrary<byte[]> randomDocuments() {
        Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> xmlish = Arbitraries.strings().withChars("<>/=\"'?!&;:# abcxyzANPRUID-0123456789\n")
                .ofMaxLength(300).map(s -> ("<" + s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]:,\"' abcANPRlicensePlate0123456789.-eE\n")
                .ofMaxLength(300).map(s -> ("{" + s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Arbitraries.oneOf(anyBytes, xmlish, jsonish);
    }

    @Provide
    Arbitrary<byte[]> mutatedRequests() {
        byte[] request = new Multipart("MIME_boundary")
                .part("application/xml", bytes("isapi/anpr-hikvision-namespace.xml"), "Content-Disposition: form-data; name=\"anpr.xml\"")
                .part("image/jpeg", PARTS.get(0).bytes(), "Content-Disposition: form-data; name=\"licensePlatePicture.jpg\"")
                .part("image/jpeg", PARTS.get(1).bytes(), "Content-Disposition: form-data; name=\"detectionPicture.jpg\"")
                .close().bytes();
        return Mutations.of(request);
    }

    @Provide
    Arbitrary<byte[]> mutatedDocuments() {
        return Arbitraries.of(FIXTURES).flatMap(f -> Mutations.of(bytes(f)));
    }
}
