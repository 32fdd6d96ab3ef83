package org.nsegw.console.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The per-gateway setup password: made at random at the gateway's first start, kept at rest only as a PBKDF2 hash
 * (PBKDF2-HMAC-SHA256, the JDK's), checked in constant time. Pure: no files, no clock.
 *
 * <p>The stored form is one line, {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}, so that the
 * iteration count can rise later without invalidating passwords set earlier.
 */
final class SetupPassword {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. A login costs about a third of a second on a gateway: fine for people. */
    static final int ITERATIONS = 600_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    /** Letters and digits that cannot be mistaken for one another when read off a screen and typed (no 0/O, 1/l/I). */
    static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479";
    /** 4 groups of 5 from 49 symbols: about 112 bits. */
    private static final int GROUPS = 4;
    private static final int GROUP_LENGTH = 5;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private SetupPassword(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** A new random password, e.g. {@code k7PqX-3rTaw-...}. */
    static String generate(SecureRandom random) {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < GROUPS; g++) {
            if (g > 0) {
                b.append('-');
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }

    /** The shortest password the console takes in a change. */
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    /**
     * Why {@code candidate} is too weak for the console's password, or empty when it will do: at least
     * {@value #MIN_LENGTH} characters; under 20 it needs three of lower case, upper case, digits and other characters;
     * at least 6 different characters; not the gateway's id in it.
     */
    static Optional<String> weakness(String candidate, String gatewayId) {
        if (candidate.length() < MIN_LENGTH) {
            return Optional.of("密码至少 " + MIN_LENGTH + " 个字符 At least " + MIN_LENGTH + " characters, please ("
                    + candidate.length() + " given).");
        }
        if (candidate.length() > MAX_LENGTH) {
            return Optional.of("密码过长 At most " + MAX_LENGTH + " characters.");
        }
        int kinds = (candidate.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                + (candidate.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (candidate.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (candidate.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
        if (candidate.length() < 20 && kinds < 3) {
            return Optional.of("请混合大写、小写、数字或符号中的三类，或使用至少 20 个字符 Mix three of upper case, lower case,"
                    + " digits and other characters, or use at least 20 characters.");
        }
        if (candidate.chars().distinct().count() < 6) {
            return Optional.of("重复字符过多 Too few different characters.");
        }
        if (!gatewayId.isBlank() && candidate.toLowerCase(java.util.Locale.ROOT).contains(gatewayId.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("密码不能包含网关编号 The password must not contain the gateway's id.");
        }
        return Optional.empty();
    }

    /** The hash of {@code password} with a new random salt. */
    static SetupPassword hash(char[] password, SecureRandom random, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new SetupPassword(iterations, salt, derive(password, salt, iterations));
    }

    /** Reads the stored form; a damaged one is refused with what to do. */
    static SetupPassword parse(String stored) {
        String[] parts = stored.strip().split("\\$");
        try {
            if (parts.length != 4 || !parts[0].equals(SCHEME)) {
                throw new IllegalArgumentException("not " + SCHEME + "$iterations$salt$hash");
            }
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || salt.length < 8 || hash.length != HASH_BITS / 8) {
                throw new IllegalArgumentException("iterations, salt or hash out of range");
            }
            return new SetupPassword(iterations, salt, hash);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException("the stored console password hash is damaged (" + e.getMessage()
                    + "); delete it and restart the gateway for a new setup password", e);
        }
    }

    String stored() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Whether {@code candidate} is the password; takes the same time whatever it is. */
    boolean matches(char[] candidate) {
        return MessageDigest.isEqual(hash, derive(candidate, salt, iterations));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 missing from the JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
