package org.nsegw.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nsegw.packet.internal.Json;
import org.nsegw.packet.internal.PacketZip;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every way of altering a packet is detected, and the problem names what was altered. */
class TamperTest {

    private static final BuiltPacket PACKET = Samples.packet(Samples.ED25519);
    private static final List<PacketEntry> FILES = PacketZip.read(PACKET.zip()).entries();

    @Property(tries = 600)
    void flippingAnyByteOfAnyEntryIsNamed(@ForAll @IntRange(min = 0, max = 5) int file,
            @ForAll @IntRange(min = 0, max = 1_000_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask) {
        PacketEntry target = FILES.get(file);
        int offset = dataOffset(PACKET.zip(), file) + position % target.content().length;
        byte[] zip = PACKET.zip().clone();
        zip[offset] ^= (byte) mask;

        PacketVerifier.Result result = PacketVerifier.verify(zip, Set.of());
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains(target.name()));
    }

    @Property(tries = 600)
    void flippingAnyEntryByteInAConsistentZipIsNamedBySha256(@ForAll @IntRange(min = 3, max = 5) int file,
            @ForAll @IntRange(min = 0, max = 1_000_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask) {
        List<PacketEntry> files = new ArrayList<>(FILES);
        byte[] content = files.get(file).content().clone();
        content[position % content.length] ^= (byte) mask;
        files.set(file, new PacketEntry(files.get(file).name(), content));

        PacketVerifier.Result result = PacketVerifier.verify(PacketZip.write(files), Set.of());
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).containsExactly("entry " + files.get(file).name() + ": SHA-256 "
                + org.nsegw.packet.internal.Sha256.hexDigest(content) + " does not match the manifest's "
                + org.nsegw.packet.internal.Sha256.hexDigest(FILES.get(file).content()) + " (content altered)");
    }

    @Property(tries = 1000)
    void flippingAnyByteOfTheWholeZipIsDetected(@ForAll @IntRange(min = 0, max = 1_000_000) int position,
            @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] zip = PACKET.zip().clone();
        zip[position % zip.length] ^= (byte) mask;
        PacketVerifier.Result result = PacketVerifier.verify(zip, Set.of());
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).isNotEmpty();
    }

    @Property(tries = 600)
    void flippingAnyByteOfAnyEntryOfAnEcdsaP256PacketIsNamed(@ForAll @IntRange(min = 0, max = 5) int file,
            @ForAll @IntRange(min = 0, max = 1_000_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask) {
        BuiltPacket packet = Samples.packet(Samples.ECDSA_P256);
        PacketEntry target = PacketZip.read(packet.zip()).entries().get(file);
        byte[] zip = packet.zip().clone();
        zip[dataOffset(zip, file) + position % target.content().length] ^= (byte) mask;

        PacketVerifier.Result result = PacketVerifier.verify(zip, Set.of());
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains(target.name()));
    }

    @Property(tries = 300)
    void truncatedOrGarbageInputIsReportedNotThrown(@ForAll @IntRange(min = 0, max = 1_000_000) int length) {
        byte[] truncated = Arrays.copyOf(PACKET.zip(), length % PACKET.zip().length);
        PacketVerifier.Result result = PacketVerifier.verify(truncated, Set.of());
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).isNotEmpty();
    }

    @Property(tries = 300)
    void anyBytesAreReportedNotThrown(@ForAll byte[] bytes, @ForAll @IntRange(min = 0, max = 40) int flips,
            @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[] zip = PACKET.zip().clone();
        for (int i = 0; i < flips; i++) {
            zip[random.nextInt(zip.length)] = (byte) random.nextInt();
        }
        for (byte[] input : List.of(bytes, zip)) {
            PacketVerifier.Result result = PacketVerifier.verify(input, Set.of(Samples.ED25519.keyId()));
            assertThat(result.ok()).isEqualTo(Arrays.equals(input, PACKET.zip()));
        }
    }

    @Test
    void aDeflatedEntryThatClaimsAHugeSizeIsRefusedWithoutAllocating() {
        byte[] zip = PACKET.zip().clone();
        int central = lastIndexOf(zip, new byte[] {0x50, 0x4b, 0x01, 0x02});
        zip[central + 10] = 8;
        zip[central + 24] = (byte) 0xf0;
        zip[central + 25] = (byte) 0xff;
        zip[central + 26] = (byte) 0xff;
        zip[central + 27] = 0x7f;
        assertThat(PacketVerifier.verify(zip, Set.of()).problems()).anySatisfy(p -> assertThat(p)
                .startsWith("entry raw/wim-L1.bin: compression method 8"));
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        for (int i = data.length - pattern.length; i >= 0; i--) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void aRewrappedPublicKeyIsNamed() {
        List<PacketEntry> files = new ArrayList<>(FILES);
        String pem = new String(files.get(2).content(), StandardCharsets.US_ASCII).replace("\n", "\r\n");
        files.set(2, new PacketEntry("gateway.pub.pem", pem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems()).containsExactly(
                "gateway.pub.pem is not laid out as the gateway writes it (altered outside the key itself)");
    }

    @Test
    void removingAnEntryIsNamed() {
        List<PacketEntry> files = new ArrayList<>(FILES);
        files.remove(4);
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems())
                .containsExactly("entry images/rear-1.jpg is listed in the manifest but missing from the packet");
    }

    @Test
    void addingAnEntryIsNamed() {
        List<PacketEntry> files = new ArrayList<>(FILES);
        files.add(new PacketEntry("images/extra.jpg", new byte[] {1, 2, 3}));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems())
                .containsExactly("entry images/extra.jpg is in the packet but not listed in the manifest (added)");
    }

    @Test
    void removingTheSignatureOrKeyIsNamed() {
        for (int fixed = 1; fixed <= 2; fixed++) {
            List<PacketEntry> files = new ArrayList<>(FILES);
            String name = files.remove(fixed).name();
            assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems()).contains(name + " is missing");
        }
        List<PacketEntry> files = new ArrayList<>(FILES);
        files.remove(0);
        PacketVerifier.Result result = PacketVerifier.verify(PacketZip.write(files), Set.of());
        assertThat(result.problems()).contains("manifest.json is missing");
        assertThat(result.caseId()).isNull();
    }

    @Test
    void reorderingEntriesInTheZipIsNamed() {
        List<PacketEntry> files = new ArrayList<>(FILES);
        files.add(files.remove(3));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems()).singleElement()
                .asString().contains("not the manifest's");
    }

    @Test
    void aReSignedAlteredManifestIsNamed() {
        Map<String, Object> manifest = manifest();
        manifest.put("lane", 2);
        assertThat(problemsWithManifest(Json.canonical(manifest))).containsExactly("manifest.sig is not a valid Ed25519"
                + " signature of manifest.json by the key in gateway.pub.pem (manifest or signature altered, or"
                + " signature swapped)");
    }

    @Test
    void aManifestOutOfCanonicalFormIsNamed() {
        String pretty = new String(PACKET.manifest(), StandardCharsets.UTF_8).replace(",\"", ", \"");
        assertThat(problemsWithManifest(pretty.getBytes(StandardCharsets.UTF_8)))
                .contains("manifest.json is not in RFC 8785 canonical form (altered after signing)")
                .anySatisfy(p -> assertThat(p).startsWith("manifest.sig is not a valid"));
        assertThat(problemsWithManifest("{\"caseId\":1,".getBytes(StandardCharsets.UTF_8)))
                .singleElement().asString().startsWith("manifest.json is not valid JSON");
    }

    @Test
    void aSignatureSwappedFromAnotherPacketIsNamed() {
        BuiltPacket other = Samples.chain(2, Samples.ED25519).get(1);
        List<PacketEntry> files = new ArrayList<>(FILES);
        files.set(1, PacketZip.read(other.zip()).entries().get(1));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems())
                .singleElement().asString().startsWith("manifest.sig is not a valid Ed25519 signature");
    }

    @Test
    void aPublicKeySwappedForTheForgersIsNamed() {
        PacketSigner forger = GatewayKeys.generate("Ed25519");
        List<PacketEntry> files = new ArrayList<>(FILES);
        files.set(1, new PacketEntry("manifest.sig", forger.sign(PACKET.manifest())));
        files.set(2, new PacketEntry("gateway.pub.pem", forger.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems()).containsExactly(
                "gateway.pub.pem (key " + forger.keyId() + ") is not the key the manifest names ("
                        + Samples.ED25519.keyId() + "): public key replaced");
    }

    @Test
    void aPacketForgedWholeWithAnotherKeyFailsOnlyAgainstTrustedKeys() {
        PacketSigner forger = GatewayKeys.generate("Ed25519");
        byte[] forged = PacketBuilder.build(Samples.caseFields("33010620261123071502001"), Samples.entries(1),
                ChainLink.first(), forger).zip();
        assertThat(PacketVerifier.verify(forged, Set.of()).ok()).isTrue();
        assertThat(PacketVerifier.verify(forged, Set.of(Samples.ED25519.keyId())).problems())
                .containsExactly("the packet's key " + forger.keyId() + " is not one of the trusted keys");
        assertThat(PacketVerifier.trustNote(Set.of())).contains("not who signed it");
    }

    @Test
    void anSm2PacketWithAnEd25519KeyIsNamed() {
        BuiltPacket sm2 = Samples.packet(Samples.SM2);
        List<PacketEntry> files = new ArrayList<>(PacketZip.read(sm2.zip()).entries());
        files.set(2, FILES.get(2));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems())
                .contains("gateway.pub.pem is not an SM2 public key");
    }

    @Test
    void anAlteredSm2PacketIsNamed() {
        BuiltPacket sm2 = Samples.packet(Samples.SM2);
        List<PacketEntry> files = new ArrayList<>(PacketZip.read(sm2.zip()).entries());
        byte[] signature = files.get(1).content().clone();
        signature[signature.length - 1] ^= 1;
        files.set(1, new PacketEntry("manifest.sig", signature));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems())
                .singleElement().asString().startsWith("manifest.sig is not a valid SM2 signature");
    }

    @Test
    void anAlteredEcdsaP256PacketIsNamed() {
        BuiltPacket ecdsa = Samples.packet(Samples.ECDSA_P256);
        assertThat(PacketVerifier.verify(ecdsa.zip(), Set.of(Samples.ECDSA_P256.keyId())).problems()).isEmpty();
        List<PacketEntry> files = new ArrayList<>(PacketZip.read(ecdsa.zip()).entries());
        byte[] signature = files.get(1).content().clone();
        signature[signature.length - 1] ^= 1;
        files.set(1, new PacketEntry("manifest.sig", signature));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems())
                .singleElement().asString().startsWith("manifest.sig is not a valid ECDSA-P256 signature");
        files.set(2, FILES.get(2));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems())
                .contains("gateway.pub.pem is not an ECDSA-P256 public key");
    }

    @Test
    void anSm2KeyIsNoEcdsaP256Key() {
        BuiltPacket ecdsa = Samples.packet(Samples.ECDSA_P256);
        List<PacketEntry> files = new ArrayList<>(PacketZip.read(ecdsa.zip()).entries());
        files.set(2, PacketZip.read(Samples.packet(Samples.SM2).zip()).entries().get(2));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems())
                .contains("gateway.pub.pem is not an ECDSA-P256 public key");
    }

    private static Map<String, Object> manifest() {
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(PACKET.manifest());
        return new LinkedHashMap<>(manifest);
    }

    private static List<String> problemsWithManifest(byte[] manifest) {
        List<PacketEntry> files = new ArrayList<>(FILES);
        files.set(0, new PacketEntry("manifest.json", manifest));
        return PacketVerifier.verify(PacketZip.write(files), Set.of()).problems();
    }

    /** Where the data of the index-th entry starts: past its local header, name and extra field. */
    static int dataOffset(byte[] zip, int index) {
        int p = 0;
        for (int i = 0; ; i++) {
            int nameLength = (zip[p + 26] & 0xff) | (zip[p + 27] & 0xff) << 8;
            int extraLength = (zip[p + 28] & 0xff) | (zip[p + 29] & 0xff) << 8;
            int size = (zip[p + 18] & 0xff) | (zip[p + 19] & 0xff) << 8 | (zip[p + 20] & 0xff) << 16
                    | (zip[p + 21] & 0xff) << 24;
            int data = p + 30 + nameLength + extraLength;
            if (i == index) {
                return data;
            }
            p = data + size;
        }
    }
}
