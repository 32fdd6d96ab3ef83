package org.nsegw.packet;

/** The gateway's signing key. Implementations: {@link GatewayKeys}; a PKCS#11 token may provide another. */
public interface PacketSigner {

    /** "Ed25519" or "SM2" (SM2 with SM3 and the default distinguishing id 1234567812345678). */
    String algorithm();

    /** A detached signature over exactly these bytes (Ed25519: 64 bytes; SM2: DER SEQUENCE of r, s). */
    byte[] sign(byte[] message);

    /** The public key as SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"), what openssl -pubin takes. */
    String publicKeyPem();

    /** Lower-case hex SHA-256 of the DER public key (the bytes inside the PEM). */
    String keyId();
}
