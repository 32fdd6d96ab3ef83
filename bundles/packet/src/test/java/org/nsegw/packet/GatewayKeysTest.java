package org.nsegw.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nsegw.packet.internal.Pem;
import org.nsegw.packet.internal.Sha256;

class GatewayKeysTest {

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"Ed25519", "SM2", "ECDSA-P256"})
    void createsAnOwnerOnlyKeyOnceAndLoadsItAfterwards(String algorithm) throws IOException {
        Path dir = data.resolve("keys");
        PacketSigner created = GatewayKeys.loadOrCreate(dir, algorithm);
        PacketSigner loaded = GatewayKeys.loadOrCreate(dir, algorithm);

        assertThat(loaded.keyId()).isEqualTo(created.keyId())
                .isEqualTo(Sha256.hexDigest(Pem.decode(created.publicKeyPem(), "PUBLIC KEY")));
        assertThat(loaded.algorithm()).isEqualTo(algorithm);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        Path file = GatewayKeys.keyFile(dir, algorithm);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----").contains(created.publicKeyPem());
        assertThat(PacketVerifier.verify(Samples.packet(loaded).zip(), java.util.Set.of(created.keyId())).ok()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void createsOnlyTheKeyDirectoryOwnerOnlyNotItsParents() throws IOException {
        Path dir = data.resolve("new-data/keys");
        GatewayKeys.loadOrCreate(dir, "Ed25519");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        Path sibling = Files.createDirectory(data.resolve("sibling"));
        assertThat(Files.getPosixFilePermissions(dir.getParent())).isEqualTo(Files.getPosixFilePermissions(sibling));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-rw----", "-w-------"})
    void refusesAKeyFileOthersCanReadOrTheOwnerCannot(String mode) throws IOException {
        GatewayKeys.loadOrCreate(data, "Ed25519");
        Path file = GatewayKeys.keyFile(data, "Ed25519");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        assertThatThrownBy(() -> GatewayKeys.loadOrCreate(data, "Ed25519")).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("chmod 600");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxr-xr-x", "rwx--x---"})
    void refusesADirectoryOthersCanEnter(String mode) throws IOException {
        Path dir = data.resolve("keys");
        GatewayKeys.loadOrCreate(dir, "Ed25519");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        assertThatThrownBy(() -> GatewayKeys.loadOrCreate(dir, "Ed25519")).isInstanceOf(IOException.class)
                .hasMessageContaining("key directory").hasMessageContaining("chmod 700");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ed25519", "SM2", "ECDSA-P256"})
    void refusesADamagedOrMismatchedKeyFile(String algorithm) throws IOException {
        GatewayKeys.loadOrCreate(data, algorithm);
        Path file = GatewayKeys.keyFile(data, algorithm);
        String text = Files.readString(file);
        String otherPublic = GatewayKeys.generate(algorithm).publicKeyPem();
        Files.writeString(file, text.substring(0, text.indexOf("-----BEGIN PUBLIC KEY")) + otherPublic);
        assertThatThrownBy(() -> GatewayKeys.loadOrCreate(data, algorithm)).isInstanceOf(IOException.class)
                .hasMessageContaining("do not belong together");
        Files.writeString(file, "garbage", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> GatewayKeys.loadOrCreate(data, algorithm)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not hold a valid " + algorithm + " key pair");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ed25519", "SM2", "ECDSA-P256"})
    void aKeyPairOfOneAlgorithmIsNoKeyOfTheOther(String algorithm) throws IOException {
        GatewayKeys.loadOrCreate(data, algorithm);
        String other = algorithm.equals("SM2") ? "Ed25519" : "SM2";
        Files.copy(GatewayKeys.keyFile(data, algorithm), GatewayKeys.keyFile(data, other));
        assertThatThrownBy(() -> GatewayKeys.loadOrCreate(data, other)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not hold a valid " + other + " key pair");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "ed25519", "", "ECDSA"})
    void refusesUnknownAlgorithms(String algorithm) {
        assertThatThrownBy(() -> GatewayKeys.loadOrCreate(data, algorithm)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use Ed25519, SM2 or ECDSA-P256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ed25519", "SM2", "ECDSA-P256"})
    void aSignerComesFromPemText(String algorithm) throws IOException, GeneralSecurityException {
        PacketSigner created = GatewayKeys.loadOrCreate(data, algorithm);
        PacketSigner fromPem = GatewayKeys.fromPem(Files.readString(GatewayKeys.keyFile(data, algorithm)), algorithm);
        assertThat(fromPem.keyId()).isEqualTo(created.keyId());
    }
}
