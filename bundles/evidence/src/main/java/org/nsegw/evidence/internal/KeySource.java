package org.nsegw.evidence.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.PacketSigner;
import org.nsegw.packet.Pkcs11Keys;

/**
 * Where the gateway's signing key lives: a key file in the key folder, or a key in a PKCS#11 token that never
 * leaves it (then the algorithm is ECDSA-P256, the only one tokens and the JDK's PKCS#11 provider share).
 *
 * @param pkcs11   false: key files
 * @param library  the token's PKCS#11 library
 * @param token    the token's label
 * @param pin      the user PIN
 * @param keyLabel the key's label in the token; generated there on first start
 */
record KeySource(boolean pkcs11, Path library, String token, String pin, String keyLabel) {

    static final KeySource FILES = new KeySource(false, Pkcs11Keys.SOFTHSM2_LIBRARY, "", "", "");

    static KeySource of(EvidenceConfig c) {
        String store = c.signing_keyStore().strip().toLowerCase(Locale.ROOT);
        if (store.equals("files")) {
            return FILES;
        }
        if (!store.equals("pkcs11")) {
            throw new IllegalArgumentException("signing.keyStore is '" + c.signing_keyStore() + "'; allowed: files, pkcs11");
        }
        if (!"ECDSA-P256".equals(c.signing_algorithm())) {
            throw new IllegalArgumentException("signing.keyStore pkcs11 signs with ECDSA-P256 (PKCS#11 tokens have no"
                    + " Ed25519 or SM2 here); set signing.algorithm to ECDSA-P256, not " + c.signing_algorithm());
        }
        if (c.pkcs11_token().isBlank() || c.pkcs11_keyLabel().isBlank() || c.pkcs11_pin().isEmpty()) {
            throw new IllegalArgumentException("signing.keyStore pkcs11 needs pkcs11.token, pkcs11.pin and pkcs11.keyLabel");
        }
        return new KeySource(true, Path.of(c.pkcs11_library()), c.pkcs11_token(), c.pkcs11_pin(), c.pkcs11_keyLabel());
    }

    /** The signer: from the key folder {@code keys}, or from the token (its key created there if missing). */
    PacketSigner open(Path keys, String algorithm) throws IOException {
        return pkcs11 ? Pkcs11Keys.open(library, token, pin.toCharArray(), keyLabel, true)
                : GatewayKeys.loadOrCreate(keys, algorithm);
    }

    /** Where the key is, for logs (never the PIN). */
    String describe(Path keys) {
        return pkcs11 ? "key '" + keyLabel + "' in PKCS#11 token '" + token + "' (" + library + ")" : keys.toString();
    }

    @Override
    public String toString() {
        return pkcs11 ? describe(null) : "key files";
    }
}
