package org.nsegw.remote.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operators the gateway trusts: {@code name=KEY} items of the {@code remote.operators} setting, KEY the base64 of
 * an Ed25519 public key's X.509 SubjectPublicKeyInfo (what {@code openssl pkey -pubout} puts between its PEM lines, and
 * what {@code nsegw remote keygen} prints).
 */
final class Operators {

    private final Map<String, PublicKey> keys;
    private final List<String> problems;

    private Operators(Map<String, PublicKey> keys, List<String> problems) {
        this.keys = Collections.unmodifiableMap(keys);
        this.problems = List.copyOf(problems);
    }

    static Operators parse(String[] items) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String item : items == null ? new String[0] : items) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                problems.add("operator '" + item + "': write NAME: PUBLICKEY");
                continue;
            }
            String name = item.substring(0, eq).strip();
            try {
                keys.put(name, publicKey(item.substring(eq + 1).strip()));
            } catch (IllegalArgumentException e) {
                problems.add("operator '" + name + "': " + e.getMessage());
            }
        }
        return new Operators(keys, problems);
    }

    static PublicKey publicKey(String base64) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the public key is not base64");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 of its SubjectPublicKeyInfo): " + e.getMessage());
        }
    }

    Optional<PublicKey> key(String operator) {
        return Optional.ofNullable(keys.get(operator));
    }

    List<String> names() {
        return List.copyOf(keys.keySet());
    }

    /** Items that could not be read (they are left out). */
    List<String> problems() {
        return problems;
    }
}
