package org.nsegw.packet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nsegw.packet.internal.EcdsaP256Scheme;
import org.nsegw.packet.internal.SelfSignedCertificate;

/**
 * The gateway's key held in a PKCS#11 token (a hardware security module, a smart card, or SoftHSM2 for tests): the
 * private key is generated inside the token and never leaves it; the gateway holds a handle and asks the token to
 * sign. The key is ECDSA P-256 with SHA-256 ("ECDSA-P256"), what both the JDK's SunPKCS11 provider and common tokens
 * do (SunPKCS11 has no EdDSA, SoftHSM2 no SM2). The token holds, under the key label, the private key, its public key
 * and a self-signed certificate (a Java KeyStore entry needs one; the packets do not use it), made with BouncyCastle.
 */
public final class Pkcs11Keys {

    /** Where Debian's softhsm2 package puts its PKCS#11 library. */
    public static final Path SOFTHSM2_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private static final Pattern TOKEN_LABEL = Pattern.compile("(?m)^\\s*label: (.*?)\\s*$");

    private Pkcs11Keys() {
    }

    /**
     * The signer of the key {@code keyLabel} in the token labelled {@code tokenLabel}, reached through the PKCS#11
     * library {@code pkcs11Library} and logged in with {@code pin}. If the token has no such key and
     * {@code createIfMissing}, a P-256 key pair is generated inside the token (not extractable, sensitive) and stored
     * under the label. IOException with a message naming what is wrong: library missing, token not found (with the
     * labels found), wrong PIN, key not found.
     *
     * <p>PKCS#11 keeps a login for the whole process: once a token is open in this JVM, later calls are not asked
     * for the PIN again by the token (the PIN is checked by the first one).
     */
    public static synchronized PacketSigner open(Path pkcs11Library, String tokenLabel, char[] pin, String keyLabel,
            boolean createIfMissing) throws IOException {
        if (!Files.isRegularFile(pkcs11Library)) {
            throw new IOException("PKCS#11 library " + pkcs11Library + " not found: install softhsm2 (Debian: apt-get"
                    + " install softhsm2, library " + SOFTHSM2_LIBRARY + ") or give the path of your token's PKCS#11"
                    + " library");
        }
        if (keyLabel == null || keyLabel.isBlank()) {
            throw new IllegalArgumentException("a key label is needed");
        }
        Provider provider = tokenProvider(pkcs11Library.toAbsolutePath(), tokenLabel);
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException(loginProblem(e, tokenLabel), e);
        }
        try {
            Key key = store.getKey(keyLabel, null);
            if (key == null) {
                if (!createIfMissing) {
                    throw new IOException("token '" + tokenLabel + "' holds no private key labelled '" + keyLabel
                            + "' (it holds " + aliases(store) + ")");
                }
                generate(provider, store, keyLabel);
                key = store.getKey(keyLabel, null);
            }
            if (!(key instanceof PrivateKey privateKey) || !"EC".equals(key.getAlgorithm())) {
                throw new IOException("the key labelled '" + keyLabel + "' in token '" + tokenLabel + "' is not an EC"
                        + " private key but " + (key == null ? "missing" : key.getAlgorithm()));
            }
            Certificate certificate = store.getCertificate(keyLabel);
            byte[] publicDer = certificate.getPublicKey().getEncoded();
            EcdsaP256Scheme scheme = (EcdsaP256Scheme) org.nsegw.packet.internal.SignatureScheme.named(EcdsaP256Scheme.NAME);
            if (!scheme.acceptsPublicKey(publicDer)) {
                throw new IOException("the key labelled '" + keyLabel + "' in token '" + tokenLabel
                        + "' is not a P-256 (secp256r1) key");
            }
            return scheme.checkedPair(scheme.signer(privateKey, publicDer, provider), publicDer);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IOException("token '" + tokenLabel + "', key '" + keyLabel + "': " + e.getMessage(), e);
        }
    }

    /** The labels of the tokens the library offers, by slot list index (null for a slot without a token). */
    public static synchronized List<String> tokenLabels(Path pkcs11Library) throws IOException {
        List<String> labels = new ArrayList<>();
        for (int index = 0;; index++) {
            Probe probe = probe(pkcs11Library.toAbsolutePath(), index);
            if (probe == null) {
                return labels;
            }
            labels.add(probe.label());
        }
    }

    private record Probe(Provider provider, String label) {
    }

    private static Provider tokenProvider(Path library, String tokenLabel) throws IOException {
        List<String> found = new ArrayList<>();
        for (int index = 0;; index++) {
            Probe probe = probe(library, index);
            if (probe == null) {
                break;
            }
            if (probe.provider() != null && tokenLabel.equals(probe.label())) {
                return probe.provider();
            }
            if (probe.label() != null) {
                found.add("'" + probe.label() + "'");
            }
        }
        throw new IOException("no token labelled '" + tokenLabel + "' behind " + library + "; tokens found: "
                + (found.isEmpty() ? "none (initialise one: softhsm2-util --init-token --free --label " + tokenLabel
                        + " ...)" : String.join(", ", found)));
    }

    /**
     * The provider for the slot at {@code index}, and its token's label; null past the last slot. SunPKCS11 shows a
     * token's label only in what its showInfo option prints, so that output is read while the provider starts.
     */
    private static Probe probe(Path library, int index) throws IOException {
        String config = "--name=nsegw-slot" + index + "\nlibrary=" + library + "\nslotListIndex=" + index
                + "\nshowInfo=true\n"
                // Keys the token generates are sensitive and not extractable: they never leave it.
                + "attributes(generate,CKO_PRIVATE_KEY,CKK_EC) = {\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n"
                + "  CKA_SIGN = true\n}\n";
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        PrintStream out = System.out;
        Provider provider;
        synchronized (System.class) {
            System.setOut(new PrintStream(shown, true, StandardCharsets.UTF_8));
            try {
                provider = Security.getProvider("SunPKCS11").configure(config);
            } catch (ProviderException | java.security.InvalidParameterException e) {
                String problem = String.valueOf(rootCause(e).getMessage());
                if (problem.contains("slotListIndex is")) {
                    return null;
                }
                if (problem.contains("CKR_TOKEN_NOT_RECOGNIZED") || problem.contains("CKR_TOKEN_NOT_PRESENT")
                        || problem.contains("CKR_DEVICE_REMOVED")) {
                    return new Probe(null, null);
                }
                throw new IOException("the PKCS#11 library " + library + " cannot be used: " + rootCause(e), e);
            } finally {
                System.setOut(out);
            }
        }
        String text = shown.toString(StandardCharsets.UTF_8);
        int tokenInfo = text.indexOf("Token info for token");
        Matcher label = TOKEN_LABEL.matcher(tokenInfo < 0 ? "" : text.substring(tokenInfo));
        return new Probe(provider, label.find() ? label.group(1) : null);
    }

    private static String loginProblem(Exception e, String tokenLabel) {
        String causes = causes(e);
        if (causes.contains("CKR_PIN_INCORRECT") || causes.contains("CKR_PIN_LEN_RANGE")) {
            return "wrong PIN for token '" + tokenLabel + "'";
        }
        if (causes.contains("CKR_PIN_LOCKED")) {
            return "the PIN of token '" + tokenLabel + "' is locked (too many wrong PINs): the security officer must"
                    + " reset it";
        }
        return "cannot log in to token '" + tokenLabel + "': " + rootCause(e);
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String aliases(KeyStore store) throws GeneralSecurityException {
        List<String> names = java.util.Collections.list(store.aliases());
        return names.isEmpty() ? "no keys" : "the keys " + String.join(", ", names);
    }

    /** A P-256 key pair made by the token, stored with a self-signed certificate under {@code label}. */
    private static void generate(Provider provider, KeyStore store, String label)
            throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec(EcdsaP256Scheme.CURVE));
        KeyPair pair = generator.generateKeyPair();
        Certificate certificate;
        try {
            certificate = SelfSignedCertificate.make(pair, provider, label);
        } catch (NoClassDefFoundError e) {
            throw new IOException("making the token's certificate needs BouncyCastle (bcprov-jdk18on) on the class path", e);
        }
        store.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {certificate});
    }
}
