package org.nsegw.console.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The console's TLS certificate and key: the files an installer configured, or else a self-signed certificate the
 * gateway makes at its first start and keeps in {@code <data>/console/} (key owner-only). Browsers cannot check a
 * self-signed certificate, so the installer compares its SHA-256 fingerprint with the one the gateway prints.
 *
 * @param chain the certificate chain, leaf first
 * @param key   the leaf's private key
 */
record TlsIdentity(List<X509Certificate> chain, PrivateKey key) {

    static final String CERT_FILE = "console-cert.pem";
    static final String KEY_FILE = "console-key.pem";
    /** Long enough never to lapse on a bridge; the fingerprint, not the dates, is what an installer checks. */
    static final int VALID_YEARS = 10;

    TlsIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    /** The SHA-256 fingerprint as browsers show it: upper-case hex pairs joined by colons. */
    String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The base64 SHA-256 of the public key (what Chromium's {@code --ignore-certificate-errors-spki-list} takes). */
    String publicKeyPin() {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(leaf().getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    SSLContext sslContext() throws GeneralSecurityException {
        char[] transientPassword = "console".toCharArray(); // the key store lives in memory only
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        store.setKeyEntry("console", key, transientPassword, chain.toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, transientPassword);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ctx;
    }

    /** Reads a configured certificate chain and key; every problem is said with the file and the fix. */
    static TlsIdentity load(Path certFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : pem(certFile, "CERTIFICATE")) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("console.tls.certFile " + certFile + ": not a valid certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException("console.tls.certFile " + certFile + " holds no '-----BEGIN CERTIFICATE-----' block");
        }
        PrivateFiles.requireOwnerOnlyFile(keyFile);
        List<byte[]> keys = pem(keyFile, "PRIVATE KEY");
        if (keys.size() != 1) {
            String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
            throw new IOException("console.tls.keyFile " + keyFile + " must hold one unencrypted PKCS#8 key ('-----BEGIN PRIVATE KEY-----')"
                    + (text.contains("BEGIN EC PRIVATE KEY") || text.contains("BEGIN RSA PRIVATE KEY") || text.contains("ENCRYPTED")
                            ? "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + keyFile + " -out console-key.pem" : ""));
        }
        PrivateKey key = privateKey(keys.get(0), chain.get(0), keyFile);
        return new TlsIdentity(chain, key);
    }

    /** The certificate made at the first start, or a new one made now and stored. */
    static TlsIdentity loadOrCreate(PrivateFiles files, String gatewayId, String bindAddress, SecureRandom random)
            throws IOException, GeneralSecurityException {
        if (files.exists(CERT_FILE) && files.exists(KEY_FILE)) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<byte[]> certs = pem(files.file(CERT_FILE), "CERTIFICATE");
            List<byte[]> keys = pemText(new String(files.read(KEY_FILE), StandardCharsets.US_ASCII), "PRIVATE KEY");
            if (certs.size() == 1 && keys.size() == 1) {
                X509Certificate cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(certs.get(0)));
                return new TlsIdentity(List.of(cert), privateKey(keys.get(0), cert, files.file(KEY_FILE)));
            }
            throw new IOException("the console's certificate or key in " + files.dir()
                    + " is damaged; delete " + CERT_FILE + " and " + KEY_FILE + " there and restart for a new one");
        }
        TlsIdentity made = selfSigned(gatewayId, names(bindAddress), random, Instant.now());
        files.write(KEY_FILE, pemBlock("PRIVATE KEY", made.key().getEncoded()));
        files.write(CERT_FILE, pemBlock("CERTIFICATE", made.leaf().getEncoded()));
        return made;
    }

    /** The names browsers may reach the console by: the bind address, loopback, this host's name and addresses. */
    static Set<String> names(String bindAddress) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        if (!bindAddress.isBlank() && !bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            names.add(bindAddress);
        }
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName());
            names.add(local.getHostAddress());
        } catch (UnknownHostException e) {
            // a host without a resolvable name: the addresses above still work
        }
        return names;
    }

    /** An ECDSA P-256 key and a self-signed server certificate for it (CN = the gateway id, SANs = {@code names}). */
    static TlsIdentity selfSigned(String gatewayId, Set<String> names, SecureRandom random, Instant now)
            throws GeneralSecurityException, IOException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair pair = g.generateKeyPair();
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        var subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, gatewayId + " installer console").addRDN(BCStyle.O, "NSE Gateway").build();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(63, random)));
        tbs.setSignature(algorithm);
        tbs.setIssuer(subject);
        tbs.setSubject(subject);
        tbs.setStartDate(new Time(Date.from(now.minus(1, ChronoUnit.HOURS))));
        tbs.setEndDate(new Time(Date.from(now.plus(VALID_YEARS * 365L, ChronoUnit.DAYS))));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        List<GeneralName> sans = new ArrayList<>();
        for (String n : names) {
            sans.add(looksLikeAddress(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        tbs.setExtensions(new Extensions(new Extension[] {
            new Extension(Extension.basicConstraints, true, new DEROctetString(new BasicConstraints(false))),
            new Extension(Extension.keyUsage, true, new DEROctetString(new KeyUsage(KeyUsage.digitalSignature))),
            new Extension(Extension.extendedKeyUsage, false,
                    new DEROctetString(new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))),
            new Extension(Extension.subjectAlternativeName, false,
                    new DEROctetString(new GeneralNames(sans.toArray(GeneralName[]::new)))),
        }));
        TBSCertificate tbsCertificate = tbs.generateTBSCertificate();
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(pair.getPrivate(), random);
        signature.update(tbsCertificate.getEncoded("DER"));
        ASN1EncodableVector certificate = new ASN1EncodableVector();
        certificate.add(tbsCertificate);
        certificate.add(algorithm);
        certificate.add(new DERBitString(signature.sign()));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(new DERSequence(certificate).getEncoded("DER")));
        return new TlsIdentity(List.of(cert), pair.getPrivate());
    }

    private static boolean looksLikeAddress(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    private static PrivateKey privateKey(byte[] pkcs8, X509Certificate cert, Path file) throws IOException {
        String algorithm = cert.getPublicKey().getAlgorithm();
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException e) {
            throw new IOException("the key in " + file + " is not a " + algorithm + " key matching the certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("keys of the certificate's algorithm " + algorithm + " are not supported", e);
        }
    }

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private static List<byte[]> pem(Path file, String type) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file + (Files.exists(file) ? " (permissions)" : " (no such file)"));
        }
        return pemText(Files.readString(file, StandardCharsets.US_ASCII), type);
    }

    static List<byte[]> pemText(String text, String type) throws IOException {
        List<byte[]> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    blocks.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new IOException("a " + type + " block is not valid base64", e);
                }
            }
        }
        return blocks;
    }

    static byte[] pemBlock(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
