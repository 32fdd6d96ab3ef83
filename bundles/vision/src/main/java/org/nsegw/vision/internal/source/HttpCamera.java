package org.nsegw.vision.internal.source;

import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.time.Duration;

/**
 * How the HTTP sources reach a camera: its URL and account. Authentication (Basic, or Digest as cameras mostly ask:
 * RFC 7616 with MD5 and qop=auth) is the JDK's {@link HttpURLConnection} with an {@link Authenticator}, the same way
 * the ANPR bundle's pull client holds event streams open; the JDK keeps what a Digest challenge taught it per
 * authenticator, so a polled camera is not challenged again on every snapshot.
 */
public final class HttpCamera {

    private final URI uri;
    private final String username;
    private final Authenticator authenticator;

    /**
     * @param uri      the snapshot or stream URL
     * @param username empty for none
     */
    public HttpCamera(URI uri, String username, String password) {
        this.uri = uri;
        this.username = username;
        this.authenticator = new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(username, password.toCharArray());
            }
        };
    }

    /** The URL of {@code path} on a camera at {@code host:port}. */
    public static HttpCamera of(String host, int port, String path, String username, String password) {
        String p = path.startsWith("/") ? path : "/" + path;
        return new HttpCamera(URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + p), username, password);
    }

    public URI uri() {
        return uri;
    }

    /** Opens a GET connection with the account, timeouts and no caching or redirects. */
    HttpURLConnection open(Duration connectTimeout, Duration readTimeout) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout((int) connectTimeout.toMillis());
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        c.setUseCaches(false);
        c.setInstanceFollowRedirects(false);
        if (!username.isEmpty()) {
            c.setAuthenticator(authenticator);
        }
        return c;
    }

    /** What an installer should read when the camera refuses the account. */
    String refusal(int status) {
        return "the camera refused the account " + (username.isEmpty() ? "(none configured)" : "'" + username + "'") + " with HTTP "
                + status + " at " + uri;
    }

    @Override
    public String toString() {
        return "HttpCamera[" + uri + ", " + (username.isEmpty() ? "no account" : username + ", ********") + "]";
    }
}
