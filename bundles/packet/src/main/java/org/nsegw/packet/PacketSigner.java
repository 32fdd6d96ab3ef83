package org.nsegw.packet;

/** The gateway's signing key. Implementations: {@link GatewayKeys} (key files), {@link Pkcs11Keys} (a key in a token). */
public interface PacketSigner {

    /**
     * "Ed25519", "SM2" (SM2 with SM3 and the default distinguishing id 1234567812345678) or "ECDSA-P256" (ECDSA
     * on secp256r1 with SHA-256, the algorithm of keys in a PKCS#11 token).
     */
    String algorithm();

    /** A detached signature over exactly these bytes (Ed25519: 64 bytes; SM2, ECDSA-P256: DER SEQUENCE of r, s). */
    byte[] sign(byte[] message);

    /** The public key as SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"), what openssl -pubin takes. */
    String publicKeyPem();

    /** Lower-case hex SHA-256 of the DER public key (the bytes inside the PEM). */
    String keyId();
}
