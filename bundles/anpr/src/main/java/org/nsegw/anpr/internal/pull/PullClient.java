package org.nsegw.anpr.internal.pull;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.nsegw.anpr.internal.dahua.DahuaSnapStream;
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.http.Credentials;
import org.nsegw.anpr.internal.isapi.IsapiAlertStream;
import org.nsegw.anpr.internal.receiver.CameraReceiver;
import org.nsegw.anpr.internal.stream.MultipartSplitter;
import org.nsegw.anpr.internal.stream.Pulled;
import org.nsegw.anpr.internal.stream.Refusal;
import org.osgi.service.log.Logger;

/**
 * Holds a camera's event stream open for cameras that cannot push: the ISAPI alert stream of Hikvision cameras, the
 * snapshot subscription of Dahua cameras. Authenticates with the camera's account (Basic or Digest, through the JDK's
 * HTTP client), feeds the stream to the vendor's stream reader and hands what it gives to the camera: reads, signs of
 * life, refusals. Reconnects after any failure, waiting 1 s, then twice as long each time up to 30 s; a stream silent
 * for longer than the read timeout (no event, no heartbeat) is dropped and opened again.
 */
public final class PullClient {

    /** The alert stream of ISAPI cameras. */
    public static final String ISAPI_PATH = "/ISAPI/Event/notification/alertStream";
    /** The Dahua snapshot subscription to traffic events, with a heartbeat every 5 s. */
    public static final String DAHUA_PATH = "/cgi-bin/snapManager.cgi?action=attachFileProc&Flags%5B0%5D=Event"
            + "&Events=%5BTrafficJunction%5D&heartbeat=5";

    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    /** A stream reader of one vendor, for one connection. */
    interface StreamReader {
        List<Pulled> feed(byte[] bytes, int offset, int count);

        List<Pulled> end();
    }

    private final String vendor;
    private final URI uri;
    private final Optional<Credentials> credentials;
    private final CameraReceiver.Camera camera;
    private final Logger log;
    private final Duration readTimeout;
    private final ZoneId zone;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile HttpURLConnection current;

    /**
     * @param readTimeout a stream that gives nothing for this long is dropped and opened again
     * @param zone        the zone the camera's local times are in (Dahua)
     */
    public PullClient(String vendor, String host, int port, Optional<Credentials> credentials, CameraReceiver.Camera camera,
            Duration readTimeout, ZoneId zone, Logger log) {
        this.vendor = vendor;
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + (vendor.equals("dahua") ? DAHUA_PATH : ISAPI_PATH));
        this.credentials = credentials;
        this.camera = camera;
        this.readTimeout = readTimeout;
        this.zone = zone;
        this.log = log;
        this.thread = new Thread(this::run, "nsegw-anpr-pull-" + camera.id());
        this.thread.setDaemon(true);
    }

    public URI uri() {
        return uri;
    }

    public void start() {
        thread.start();
    }

    /** Closes the stream and waits for the thread to end. */
    public void stop() throws InterruptedException {
        running = false;
        HttpURLConnection c = current;
        if (c != null) {
            c.disconnect();
        }
        thread.interrupt();
        thread.join(5000);
    }

    private void run() {
        Duration wait = FIRST_WAIT;
        while (running) {
            boolean gotSomething = false;
            try {
                gotSomething = stream();
                log.info("ANPR camera {}: event stream {} ended; opening it again", camera.id(), uri);
            } catch (SocketTimeoutException e) {
                log.warn("ANPR camera {}: event stream {} silent for {} s; opening it again", camera.id(), uri,
                        readTimeout.toSeconds());
            } catch (IOException | RuntimeException e) {
                if (running) {
                    log.warn("ANPR camera {}: event stream {}: {}", camera.id(), uri, e.getMessage() == null ? e : e.getMessage());
                }
            }
            if (!running) {
                return;
            }
            wait = gotSomething ? FIRST_WAIT : min(wait.multipliedBy(2), LONGEST_WAIT);
            try {
                Thread.sleep(gotSomething ? FIRST_WAIT.toMillis() : wait.toMillis()); // backoff between connection attempts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One connection: open, read until it ends. Returns whether the camera sent anything. */
    private boolean stream() throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        current = c;
        try {
            c.setConnectTimeout(10_000);
            c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(false);
            credentials.ifPresent(cr -> c.setAuthenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(cr.username(), cr.password().toCharArray());
                }
            }));
            int status = c.getResponseCode();
            if (status == 401 || status == 403) {
                camera.refused("auth", "the camera refused the account " + credentials.map(Credentials::username)
                        .map(u -> "'" + u + "'").orElse("(none configured)") + " with HTTP " + status);
                return false;
            }
            if (status != 200) {
                throw new IOException("the camera answered HTTP " + status + " " + c.getResponseMessage());
            }
            String type = c.getContentType() == null ? "" : c.getContentType();
            String declared = MultipartSplitter.boundaryOf(type).orElseThrow(
                    () -> new IOException("the camera's stream is not multipart (Content-Type '" + type + "')"));
            log.info("ANPR camera {}: event stream {} open", camera.id(), uri);
            boolean got = false;
            try (InputStream in = c.getInputStream()) {
                byte[] buffer = new byte[65536];
                int n = in.read(buffer);
                if (n < 0) {
                    return false;
                }
                StreamReader reader = reader(MultipartSplitter.boundaryIn(declared, buffer, n));
                try {
                    got |= deliver(reader.feed(buffer, 0, n));
                    while (running && (n = in.read(buffer)) >= 0) {
                        got |= deliver(reader.feed(buffer, 0, n));
                    }
                } finally {
                    got |= deliver(reader.end());
                }
            }
            return got;
        } finally {
            current = null;
            c.disconnect();
        }
    }

    private StreamReader reader(String boundary) {
        if (vendor.equals("dahua")) {
            DahuaSnapStream s = new DahuaSnapStream(boundary, "", zone);
            return new StreamReader() {
                public List<Pulled> feed(byte[] b, int o, int n) {
                    return s.feed(b, o, n);
                }

                public List<Pulled> end() {
                    return s.end();
                }
            };
        }
        IsapiAlertStream s = new IsapiAlertStream(boundary);
        return new StreamReader() {
            public List<Pulled> feed(byte[] b, int o, int n) {
                return s.feed(b, o, n);
            }

            public List<Pulled> end() {
                return s.end();
            }
        };
    }

    /** Hands what the stream gave to the camera; returns whether any of it was a message. */
    private boolean deliver(List<Pulled> pulled) {
        boolean message = false;
        for (Pulled p : pulled) {
            if (p instanceof Pulled.Message m) {
                message = true;
                if (m.message() instanceof CameraMessage.Read r) {
                    store(r);
                } else {
                    camera.heartbeat();
                }
            } else if (p instanceof Pulled.Refused r) {
                camera.refused(r.reason() == Refusal.OVERSIZED ? "tooLarge" : "malformed",
                        r.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.detail());
            }
        }
        return message;
    }

    /**
     * Stores a read, trying again every 2 s while the store fails (a full disk): a stream cannot be asked to send a
     * read again, so the stream waits (the camera holds back what follows) rather than lose the read in hand.
     */
    private void store(CameraMessage.Read r) {
        while (camera.accept(r.event()) == CameraReceiver.Camera.Outcome.FAILED) {
            if (!running) {
                log.error("ANPR camera {}: read {} could not be stored before the gateway stopped; the camera's own "
                        + "storage still has it", camera.id(), r.event().eventId());
                return;
            }
            try {
                Thread.sleep(2000); // waiting for the disk, not for another thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
