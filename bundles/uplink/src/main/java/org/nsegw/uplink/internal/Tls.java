package org.nsegw.uplink.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS from PEM files: the CA that signed the broker's certificate, and optionally the gateway's certificate and key. */
final class Tls {

    private Tls() {
    }

    /**
     * @param caFile   PEM certificates to trust; empty: the JVM's default trust store
     * @param certFile the gateway's certificate chain (PEM); empty: no client certificate
     * @param keyFile  its unencrypted PKCS#8 key (PEM, {@code BEGIN PRIVATE KEY}, RSA or EC)
     */
    static SSLSocketFactory socketFactory(String caFile, String certFile, String keyFile) throws IOException {
        try {
            TrustManagerFactory tmf = null;
            if (!caFile.isEmpty()) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int n = 0;
                for (Certificate c : certificates(Path.of(caFile))) {
                    trust.setCertificateEntry("ca" + n++, c);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (!certFile.isEmpty() || !keyFile.isEmpty()) {
                if (certFile.isEmpty() || keyFile.isEmpty()) {
                    throw new IOException("a client certificate needs both tls.certFile and tls.keyFile");
                }
                char[] none = new char[0];
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("gateway", key(Path.of(keyFile)), none,
                        certificates(Path.of(certFile)).toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, none);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("the TLS files cannot be used: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (all.isEmpty()) {
                throw new IOException(file + " holds no PEM certificate");
            }
            return all;
        }
    }

    private static PrivateKey key(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(file + " is not an unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt'");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw new IOException(file + " holds a key that is neither RSA, EC nor Ed25519");
    }
}
