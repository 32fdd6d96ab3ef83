package org.nsegw.packet.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.nsegw.packet.PacketSigner;

/**
 * ECDSA on NIST P-256 (secp256r1) with SHA-256 through the JDK: the algorithm PKCS#11 tokens sign with
 * (the JDK's PKCS#11 provider has no EdDSA, SoftHSM2 no SM2). Signatures are the DER SEQUENCE of r and s,
 * which {@code openssl dgst -sha256 -verify} takes.
 */
public final class EcdsaP256Scheme implements SignatureScheme {

    /** The manifest's name of the algorithm. */
    public static final String NAME = "ECDSA-P256";
    /** The JCA signature algorithm, in the JDK and in a PKCS#11 provider. */
    public static final String JCA_SIGNATURE = "SHA256withECDSA";
    /** The JCA curve name. */
    public static final String CURVE = "secp256r1";
    static final EcdsaP256Scheme INSTANCE = new EcdsaP256Scheme();

    private EcdsaP256Scheme() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[][] generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            KeyPair pair = generator.generateKeyPair();
            return new byte[][] {pair.getPrivate().getEncoded(), pair.getPublic().getEncoded()};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Java 17 has EC keys on " + CURVE, e);
        }
    }

    @Override
    public PacketSigner signer(byte[] privateDer, byte[] publicDer) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("EC");
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
        PublicKey publicKey = publicKey(publicDer);
        if (publicKey == null || !Arrays.equals(publicKey.getEncoded(), publicDer)) {
            throw new GeneralSecurityException("public key is not a P-256 (secp256r1) EC SubjectPublicKeyInfo");
        }
        return checkedPair(signer(privateKey, publicDer, null), publicDer);
    }

    /**
     * A signer with a private key held anywhere (in memory, or as a handle to a key in a PKCS#11 token, with
     * that token's provider); {@code publicDer} is its public key's SubjectPublicKeyInfo.
     */
    public PacketSigner signer(PrivateKey privateKey, byte[] publicDer, java.security.Provider provider) {
        return new KeyPairSigner(NAME, publicDer, message -> {
            try {
                Signature signature = provider == null ? Signature.getInstance(JCA_SIGNATURE)
                        : Signature.getInstance(JCA_SIGNATURE, provider);
                signature.initSign(privateKey);
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ECDSA P-256 signing failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public boolean acceptsPublicKey(byte[] publicDer) {
        return publicKey(publicDer) != null;
    }

    /** The P-256 public key in {@code publicDer}, or null if it is none. */
    private static PublicKey publicKey(byte[] publicDer) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicDer));
            return key instanceof ECPublicKey ec && isP256(ec.getParams()) ? key : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            java.security.AlgorithmParameters p256 = java.security.AlgorithmParameters.getInstance("EC");
            p256.init(new ECGenParameterSpec(CURVE));
            ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
            return expected.getCurve().equals(params.getCurve()) && expected.getGenerator().equals(params.getGenerator())
                    && expected.getOrder().equals(params.getOrder());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public boolean verify(byte[] publicDer, byte[] message, byte[] signature) {
        PublicKey key = publicKey(publicDer);
        if (key == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(JCA_SIGNATURE);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
