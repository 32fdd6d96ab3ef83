package org.nsegw.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The key store settings: files by default; a PKCS#11 token only with ECDSA-P256 and a PIN. */
class KeySourceTest {

    /** The configuration with its defaults, except for the given attributes (by method name). */
    private static EvidenceConfig config(Map<String, Object> values) {
        return (EvidenceConfig) Proxy.newProxyInstance(EvidenceConfig.class.getClassLoader(),
                new Class<?>[] {EvidenceConfig.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void keyFilesByDefault() {
        assertThat(KeySource.of(config(Map.of()))).isSameAs(KeySource.FILES);
        assertThat(KeySource.FILES.describe(Path.of("/data/keys"))).isEqualTo("/data/keys");
    }

    @Test
    void aTokenKeyIsEcdsaP256WithAPin() {
        KeySource source = KeySource.of(config(Map.of("signing_keyStore", "pkcs11", "signing_algorithm", "ECDSA-P256",
                "pkcs11_pin", "246810")));
        assertThat(source).isEqualTo(new KeySource(true, Path.of("/usr/lib/softhsm/libsofthsm2.so"), "nsegw", "246810",
                "nsegw-gateway"));
        assertThat(source.toString()).doesNotContain("246810");
        assertThat(source.describe(Path.of("/data/keys"))).isEqualTo(
                "key 'nsegw-gateway' in PKCS#11 token 'nsegw' (/usr/lib/softhsm/libsofthsm2.so)");
    }

    @Test
    void aTokenWithAnotherAlgorithmOrWithoutPinIsRefused() {
        assertThatThrownBy(() -> KeySource.of(config(Map.of("signing_keyStore", "pkcs11", "pkcs11_pin", "1"))))
                .hasMessageContaining("set signing.algorithm to ECDSA-P256, not Ed25519");
        assertThatThrownBy(() -> KeySource.of(config(Map.of("signing_keyStore", "pkcs11", "signing_algorithm",
                "ECDSA-P256")))).hasMessageContaining("needs pkcs11.token, pkcs11.pin and pkcs11.keyLabel");
        assertThatThrownBy(() -> KeySource.of(config(Map.of("signing_keyStore", "hsm"))))
                .hasMessageContaining("allowed: files, pkcs11");
    }
}
