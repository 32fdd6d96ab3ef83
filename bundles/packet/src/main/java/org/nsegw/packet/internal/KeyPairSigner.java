package org.nsegw.packet.internal;

import java.util.function.UnaryOperator;

import org.nsegw.packet.PacketSigner;

/** A signer over a key pair held in memory: the scheme's signing function, the public key PEM and its id. */
final class KeyPairSigner implements PacketSigner {

    private final String algorithm;
    private final UnaryOperator<byte[]> signing;
    private final String publicKeyPem;
    private final String keyId;

    KeyPairSigner(String algorithm, byte[] publicDer, UnaryOperator<byte[]> signing) {
        this.algorithm = algorithm;
        this.signing = signing;
        this.publicKeyPem = Pem.encode("PUBLIC KEY", publicDer);
        this.keyId = Sha256.hexDigest(publicDer);
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public byte[] sign(byte[] message) {
        return signing.apply(message);
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
        return algorithm + " key " + keyId;
    }
}
