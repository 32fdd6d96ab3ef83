package org.nsegw.packet.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Date;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The self-signed certificate a PKCS#11 key store entry needs beside a key made in the token: the JDK has no public
 * API to make one, so its DER is put together with BouncyCastle's ASN.1 classes (bcprov, no bcpkix) and signed by the
 * token. Only ECDSA P-256 keys.
 */
public final class SelfSignedCertificate {

    private SelfSignedCertificate() {
    }

    /** A minimal X.509 v3 certificate (CN = the key label, valid 100 years) signed with the pair's private key by {@code provider}. */
    public static Certificate make(KeyPair pair, Provider provider, String label)
            throws GeneralSecurityException, IOException {
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        X500Name name = new X500Name("CN=" + label.replaceAll("[,+=\"\\\\<>;#]", "_") + ",O=NSE Gateway");
        long now = System.currentTimeMillis();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(63, new SecureRandom())));
        tbs.setSignature(algorithm);
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(new Date(now - 60_000)));
        tbs.setEndDate(new Time(new Date(now + 100L * 365 * 24 * 3600 * 1000)));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        TBSCertificate tbsCertificate = tbs.generateTBSCertificate();
        Signature signature = Signature.getInstance(EcdsaP256Scheme.JCA_SIGNATURE, provider);
        signature.initSign(pair.getPrivate());
        signature.update(tbsCertificate.getEncoded("DER"));
        ASN1EncodableVector certificate = new ASN1EncodableVector();
        certificate.add(tbsCertificate);
        certificate.add(algorithm);
        certificate.add(new DERBitString(signature.sign()));
        return CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(new DERSequence(certificate).getEncoded("DER")));
    }
}
