package org.nsegw.packet.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.nsegw.packet.PacketSigner;

/** Ed25519 (RFC 8032) through the JDK. */
final class Ed25519Scheme implements SignatureScheme {

    static final String NAME = "Ed25519";
    static final Ed25519Scheme INSTANCE = new Ed25519Scheme();

    private Ed25519Scheme() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[][] generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(NAME).generateKeyPair();
            return new byte[][] {pair.getPrivate().getEncoded(), pair.getPublic().getEncoded()};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Java 17 has Ed25519", e);
        }
    }

    @Override
    public PacketSigner signer(byte[] privateDer, byte[] publicDer) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance(NAME);
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
        PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicDer));
        if (!Arrays.equals(publicKey.getEncoded(), publicDer)) {
            throw new GeneralSecurityException("public key is not a plain Ed25519 SubjectPublicKeyInfo");
        }
        PacketSigner signer = new KeyPairSigner(NAME, publicDer, message -> {
            try {
                Signature signature = Signature.getInstance(NAME);
                signature.initSign(privateKey);
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed", e);
            }
        });
        return checkedPair(signer, publicDer);
    }

    @Override
    public boolean acceptsPublicKey(byte[] publicDer) {
        try {
            KeyFactory.getInstance(NAME).generatePublic(new X509EncodedKeySpec(publicDer));
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean verify(byte[] publicDer, byte[] message, byte[] signature) {
        try {
            PublicKey key = KeyFactory.getInstance(NAME).generatePublic(new X509EncodedKeySpec(publicDer));
            Signature verifier = Signature.getInstance(NAME);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
