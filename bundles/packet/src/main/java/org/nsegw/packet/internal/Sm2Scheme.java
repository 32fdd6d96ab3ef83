package org.nsegw.packet.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.nsegw.packet.PacketSigner;

/**
 * SM2 signatures with SM3 and the default distinguishing id "1234567812345678" (GB/T 32918, GM/T 0009)
 * through BouncyCastle's lightweight API, so that no JCA provider needs registering. Keys are EC keys on
 * the curve sm2p256v1 (OID 1.2.156.10197.1.301), which OpenSSL 3 reads as SM2 keys; signatures are the
 * DER SEQUENCE of r and s. Only this class touches BouncyCastle.
 */
final class Sm2Scheme implements SignatureScheme {

    static final String NAME = "SM2";
    private static Sm2Scheme instance;

    private final ECNamedDomainParameters domain = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1,
            GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1));
    private final SecureRandom random = new SecureRandom();

    private Sm2Scheme() {
    }

    static synchronized Sm2Scheme instance() {
        if (instance == null) {
            instance = new Sm2Scheme();
        }
        return instance;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[][] generate() {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        try {
            return new byte[][] {PrivateKeyInfoFactory.createPrivateKeyInfo(pair.getPrivate()).getEncoded("DER"),
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()).getEncoded("DER")};
        } catch (IOException e) {
            throw new IllegalStateException("SM2 key encoding failed", e);
        }
    }

    @Override
    public PacketSigner signer(byte[] privateDer, byte[] publicDer) throws GeneralSecurityException {
        AsymmetricKeyParameter privateKey;
        try {
            privateKey = PrivateKeyFactory.createKey(privateDer);
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException("private key is not a PKCS#8 EC key: " + e.getMessage(), e);
        }
        if (!(privateKey instanceof ECPrivateKeyParameters ec) || !onSm2Curve(ec.getParameters())) {
            throw new GeneralSecurityException("private key is not an SM2 (sm2p256v1) key");
        }
        if (!acceptsPublicKey(publicDer)) {
            throw new GeneralSecurityException("public key is not an SM2 (sm2p256v1) key");
        }
        PacketSigner signer = new KeyPairSigner(NAME, publicDer, message -> {
            SM2Signer sm2 = new SM2Signer();
            sm2.init(true, new ParametersWithRandom(ec, random));
            sm2.update(message, 0, message.length);
            try {
                return sm2.generateSignature();
            } catch (CryptoException e) {
                throw new IllegalStateException("SM2 signing failed", e);
            }
        });
        return checkedPair(signer, publicDer);
    }

    @Override
    public boolean acceptsPublicKey(byte[] publicDer) {
        return publicKey(publicDer) != null;
    }

    private ECPublicKeyParameters publicKey(byte[] publicDer) {
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(publicDer);
            return key instanceof ECPublicKeyParameters ec && onSm2Curve(ec.getParameters()) ? ec : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private boolean onSm2Curve(org.bouncycastle.crypto.params.ECDomainParameters parameters) {
        return parameters.getCurve().equals(domain.getCurve()) && parameters.getG().equals(domain.getG());
    }

    @Override
    public boolean verify(byte[] publicDer, byte[] message, byte[] signature) {
        ECPublicKeyParameters key = publicKey(publicDer);
        if (key == null) {
            return false;
        }
        try {
            SM2Signer sm2 = new SM2Signer();
            sm2.init(false, key);
            sm2.update(message, 0, message.length);
            return sm2.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
