package org.nsegw.anpr.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * A camera's account. Compared in constant time so that timing does not tell how much of a guess was right.
 *
 * @param username the user name
 * @param password the password
 */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Whether an {@code Authorization: Basic ...} value carries these credentials. */
    public boolean matchesBasic(String base64) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", ********]";
    }
}
