package org.nsegw.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.packet.internal.PacketZip;

/**
 * Keys in a real PKCS#11 token: SoftHSM2 from Debian, its tokens in a temporary directory. SoftHSM2 reads the
 * configuration file named by SOFTHSM2_CONF (set for the test JVM in this module's pom) once, when the JVM first
 * loads it: this class writes that file before it does, and is the only one that uses the library.
 */
class Pkcs11KeysTest {

    private static final String PIN = "246810";
    private static final String SO_PIN = "13579135";

    @TempDir
    static Path tokens;

    @TempDir
    Path work;

    @BeforeAll
    static void tokens() throws IOException, InterruptedException {
        assertThat(Pkcs11Keys.SOFTHSM2_LIBRARY).as("SoftHSM2's library; ./nsegw test installs softhsm2").isRegularFile();
        String conf = System.getenv("SOFTHSM2_CONF");
        assertThat(conf).as("SOFTHSM2_CONF, set by bundles/packet/pom.xml for the tests").isNotBlank();
        Files.createDirectories(Path.of(conf).getParent());
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\n", StandardCharsets.US_ASCII);
        softhsm("--init-token", "--free", "--label", "nsegw", "--so-pin", SO_PIN, "--pin", PIN);
        softhsm("--init-token", "--free", "--label", "spare", "--so-pin", SO_PIN, "--pin", PIN);
        // PKCS#11 keeps a login for the whole process, so a wrong PIN is tried on a token nobody opened before.
        softhsm("--init-token", "--free", "--label", "unopened", "--so-pin", SO_PIN, "--pin", PIN);
    }

    private static void softhsm(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("softhsm2-util"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static PacketSigner open(String token, String pin, String key, boolean create) throws IOException {
        return Pkcs11Keys.open(Pkcs11Keys.SOFTHSM2_LIBRARY, token, pin.toCharArray(), key, create);
    }

    @Test
    void aKeyMadeInTheTokenSignsPacketsThatVerifyWithTheLibraryAndOpenssl() throws Exception {
        PacketSigner signer = open("nsegw", PIN, "gateway-1", true);
        assertThat(signer.algorithm()).isEqualTo("ECDSA-P256");

        BuiltPacket packet = Samples.packet(signer);
        assertThat(PacketVerifier.verify(packet.zip(), Set.of(signer.keyId())).problems()).isEmpty();

        Files.write(work.resolve("case.zip"), packet.zip());
        List<OpensslVerificationTest.Run> runs = OpensslVerificationTest.runBlock(work, "verify ecdsa-p256");
        assertThat(runs).allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isZero());
        assertThat(runs).anySatisfy(r -> assertThat(r.output()).startsWith(signer.keyId() + "  -"));
        assertThat(runs).anySatisfy(r -> assertThat(r.output()).isEqualTo("Verified OK\n"));

        PacketSigner reopened = open("nsegw", PIN, "gateway-1", false);
        assertThat(reopened.keyId()).isEqualTo(signer.keyId());
        assertThat(reopened.publicKeyPem()).isEqualTo(signer.publicKeyPem());
        assertThat(open("nsegw", PIN, "gateway-2", true).keyId()).isNotEqualTo(signer.keyId());
    }

    @Test
    void thePrivateKeyStaysInTheToken() throws Exception {
        open("nsegw", PIN, "kept", true);
        Provider provider = Security.getProvider("SunPKCS11").configure("--name=nsegw-test\nlibrary="
                + Pkcs11Keys.SOFTHSM2_LIBRARY + "\nslotListIndex=" + Pkcs11Keys.tokenLabels(Pkcs11Keys.SOFTHSM2_LIBRARY)
                        .indexOf("nsegw") + "\n");
        KeyStore store = KeyStore.getInstance("PKCS11", provider);
        store.load(null, PIN.toCharArray());
        Key key = store.getKey("kept", null);
        assertThat(key).isInstanceOf(PrivateKey.class);
        assertThat(key.getClass().getName()).startsWith("sun.security.pkcs11.P11Key");
        assertThat(key.getEncoded()).as("a sensitive, non-extractable token key has no encoding").isNull();
        assertThat(key.getFormat()).isNull();
    }

    @Test
    void aWrongPinIsNamed() {
        assertThatThrownBy(() -> open("unopened", "000000", "gateway-1", true)).isInstanceOf(IOException.class)
                .hasMessage("wrong PIN for token 'unopened'");
    }

    @Test
    void anUnknownTokenIsNamedWithTheTokensFound() {
        assertThatThrownBy(() -> open("nsegw-2", PIN, "gateway-1", true)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("no token labelled 'nsegw-2' behind " + Pkcs11Keys.SOFTHSM2_LIBRARY)
                .hasMessageContaining("'nsegw'").hasMessageContaining("'spare'");
    }

    @Test
    void aMissingKeyIsNamedUnlessItMayBeCreated() {
        assertThatThrownBy(() -> open("spare", PIN, "absent", false)).isInstanceOf(IOException.class)
                .hasMessage("token 'spare' holds no private key labelled 'absent' (it holds no keys)");
    }

    @Test
    void aMissingLibraryIsNamedWithWhatToDo() {
        assertThatThrownBy(() -> Pkcs11Keys.open(work.resolve("libnone.so"), "nsegw", PIN.toCharArray(), "k", true))
                .isInstanceOf(IOException.class).hasMessageContaining("libnone.so not found")
                .hasMessageContaining("install softhsm2").hasMessageContaining("give the path of your token's PKCS#11 library");
    }

    @Test
    void anAlteredTokenSignedPacketIsNamed() throws Exception {
        PacketSigner signer = open("nsegw", PIN, "gateway-1", true);
        List<PacketEntry> files = new java.util.ArrayList<>(PacketZip.read(Samples.packet(signer).zip()).entries());
        byte[] signature = files.get(1).content().clone();
        signature[signature.length - 1] ^= 1;
        files.set(1, new PacketEntry("manifest.sig", signature));
        assertThat(PacketVerifier.verify(PacketZip.write(files), Set.of()).problems())
                .singleElement().asString().startsWith("manifest.sig is not a valid ECDSA-P256 signature");
    }
}
