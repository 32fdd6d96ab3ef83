package org.nsegw.packet.internal;

import java.security.GeneralSecurityException;

import org.nsegw.packet.PacketSigner;

/** A signature algorithm of the format: key generation, a signer from stored keys, verification. */
public interface SignatureScheme {

    /** "Ed25519", "SM2" or "ECDSA-P256", as written in manifests. */
    String name();

    /** A new key pair: PKCS#8 DER private key and SubjectPublicKeyInfo DER public key. */
    byte[][] generate();

    /** A signer for the stored key pair; fails if the keys are not of this scheme or do not belong together. */
    PacketSigner signer(byte[] privateDer, byte[] publicDer) throws GeneralSecurityException;

    /** Whether {@code publicDer} is a public key of this scheme. */
    boolean acceptsPublicKey(byte[] publicDer);

    /** Whether {@code signature} is a valid signature of {@code message} by {@code publicDer}; false for any malformed input. */
    boolean verify(byte[] publicDer, byte[] message, byte[] signature);

    /** {@code signer}, once a signature it makes verifies with {@code publicDer}: the halves of a stored pair belong together. */
    default PacketSigner checkedPair(PacketSigner signer, byte[] publicDer) throws GeneralSecurityException {
        byte[] probe = "nsegw key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!verify(publicDer, probe, signer.sign(probe))) {
            throw new GeneralSecurityException("the private and the public key do not belong together");
        }
        return signer;
    }

    /** The scheme called {@code name} ("Ed25519", "SM2" or "ECDSA-P256"). */
    static SignatureScheme named(String name) {
        if (Ed25519Scheme.NAME.equals(name)) {
            return Ed25519Scheme.INSTANCE;
        }
        if (EcdsaP256Scheme.NAME.equals(name)) {
            return EcdsaP256Scheme.INSTANCE;
        }
        if (Sm2Scheme.NAME.equals(name)) {
            try {
                return Sm2Scheme.instance();
            } catch (NoClassDefFoundError e) {
                throw new IllegalStateException("SM2 signatures need BouncyCastle (bcprov-jdk18on) on the class path", e);
            }
        }
        throw new IllegalArgumentException("unknown signature algorithm '" + name + "': use Ed25519, SM2 or ECDSA-P256");
    }
}
