package org.nsegw.emulator.anpr.http;

import java.util.Objects;

/**
 * A user name and password, and how to present them.
 *
 * @param scheme   none, Basic or Digest
 * @param user     the user name
 * @param password the password
 */
public record Credentials(Scheme scheme, String user, String password) {

    /** How a client authenticates. */
    public enum Scheme {
        NONE, BASIC, DIGEST
    }

    public static final Credentials NONE = new Credentials(Scheme.NONE, "", "");

    public Credentials {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    public static Credentials digest(String user, String password) {
        return new Credentials(Scheme.DIGEST, user, password);
    }

    public static Credentials basic(String user, String password) {
        return new Credentials(Scheme.BASIC, user, password);
    }

    /** The same account with a wrong password, for the wrong-credentials fault. */
    public Credentials wrong() {
        return new Credentials(scheme, user, "wrong-" + password);
    }

    /** The account as the gateway's {@link org.nsegw.anpr.internal.http.Digest} takes it. */
    org.nsegw.anpr.internal.http.Credentials account() {
        return new org.nsegw.anpr.internal.http.Credentials(user, password);
    }

    @Override
    public String toString() {
        return "Credentials[" + scheme + ", " + user + ", ***]";
    }
}
