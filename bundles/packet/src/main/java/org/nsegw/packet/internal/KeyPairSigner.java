package org.nsegw.packet.internal;

import org.nsegw.packet.PacketSigner;

/** What a signer built from a key pair shares: the public key PEM and its id. */
abstract class KeyPairSigner implements PacketSigner {

    private final String publicKeyPem;
    private final String keyId;

    KeyPairSigner(byte[] publicDer) {
        this.publicKeyPem = Pem.encode("PUBLIC KEY", publicDer);
        this.keyId = Sha256.hexDigest(publicDer);
    }

    @Override
    public String publicKeyPem() {
        return publicKeyPem;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return algorithm() + " key " + keyId;
    }
}
