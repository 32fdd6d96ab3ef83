package org.nsegw.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The console's connectivity test: with the uplink's own settings, is the broker reachable (TCP), is its TLS
 * certificate valid for the uplink (chain trusted by the uplink's CA, not expired, issued to the broker's host name),
 * does the broker accept an MQTT CONNECT with the uplink's account, and has the platform acknowledged the gateway's
 * cases. Each check says what to fix when it fails. The MQTT check opens a connection of its own with the uplink's
 * client id and the suffix {@link #CLIENT_SUFFIX} (a broker allows one connection per client id: the uplink's own
 * would be thrown off otherwise), a clean session that ends at once, and publishes nothing.
 */
final class ConnectivityTest {

    static final String CLIENT_SUFFIX = "-console-test";
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A broker certificate that ends sooner than this is a warning. */
    static final int WARN_DAYS = 30;

    enum Status { PASS, WARN, FAIL, SKIPPED }

    /** One line of the result: what was checked, how it went, what was found and what to do about it. */
    record Check(String id, String name, Status status, String detail, String fix) {
    }

    /** The uplink as the test needs it (the {@code UplinkEndpoint} service, or the configuration when it is not running). */
    record Target(String broker, String clientId, String username, String password, SSLSocketFactory sockets,
            String mqttVersion, boolean uplinkRunning, boolean uplinkConnected, Optional<Instant> lastVerified,
            long unacknowledgedCases) {
    }

    private ConnectivityTest() {
    }

    static List<Check> run(Target t, ZoneId zone) {
        List<Check> checks = new ArrayList<>();
        URI uri;
        try {
            uri = URI.create(t.broker());
            if (uri.getHost() == null || uri.getScheme() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            checks.add(new Check("tcp", "代理可达 Broker reachable", Status.FAIL, "uplink.broker '" + t.broker()
                    + "' is not a broker URL", "give uplink.broker as ssl://HOST:8883 (or tcp://HOST:1883) in the site file"));
            return checks;
        }
        boolean tls = uri.getScheme().equals("ssl") || uri.getScheme().equals("mqtts");
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
        String where = host + ":" + port;

        Socket tcp = new Socket();
        try {
            long start = System.nanoTime();
            tcp.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            tcp.setSoTimeout((int) TIMEOUT.toMillis());
            checks.add(new Check("tcp", "代理可达 Broker reachable", Status.PASS, "TCP connection to " + where + " in "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms", ""));
        } catch (IOException e) {
            close(tcp);
            checks.add(new Check("tcp", "代理可达 Broker reachable", Status.FAIL, "no TCP connection to " + where + ": " + e,
                    tcpFix(e, host, port)));
            checks.add(skipped("tls", "TLS 证书 TLS certificate", "the broker was not reached"));
            checks.add(skipped("mqtt", "MQTT 连接 MQTT CONNECT", "the broker was not reached"));
            checks.add(platform(t, zone));
            return checks;
        }

        Socket channel = tcp;
        if (!tls) {
            checks.add(new Check("tls", "TLS 证书 TLS certificate", Status.WARN, "the uplink uses plain TCP (" + t.broker()
                    + "): nothing is encrypted and the broker is not authenticated",
                    "outside a closed test network use ssl://HOST:8883 with uplink.tls.caFile (the CA of the broker's certificate)"));
        } else if (t.sockets() == null) {
            close(tcp);
            checks.add(new Check("tls", "TLS 证书 TLS certificate", Status.FAIL, "the uplink has no TLS set up (see the gateway's log)",
                    "fix uplink.tls.caFile / certFile / keyFile and restart the gateway"));
            checks.add(skipped("mqtt", "MQTT 连接 MQTT CONNECT", "no TLS"));
            checks.add(platform(t, zone));
            return checks;
        } else {
            try {
                SSLSocket ssl = (SSLSocket) t.sockets().createSocket(tcp, host, port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // the host name, as the uplink's client checks it
                ssl.setSSLParameters(p);
                ssl.startHandshake();
                X509Certificate leaf = (X509Certificate) ssl.getSession().getPeerCertificates()[0];
                long days = ChronoUnit.DAYS.between(LocalDate.now(zone), LocalDate.ofInstant(leaf.getNotAfter().toInstant(), zone));
                String detail = "trusted by the uplink's CA, issued to " + host + ": " + leaf.getSubjectX500Principal().getName()
                        + ", issuer " + leaf.getIssuerX500Principal().getName() + ", valid until "
                        + LocalDate.ofInstant(leaf.getNotAfter().toInstant(), zone) + " (" + days + " days); "
                        + ssl.getSession().getProtocol();
                checks.add(days < WARN_DAYS
                        ? new Check("tls", "TLS 证书 TLS certificate", Status.WARN, detail,
                                "the broker's certificate ends in " + days + " days: have the platform renew it")
                        : new Check("tls", "TLS 证书 TLS certificate", Status.PASS, detail, ""));
                channel = ssl;
            } catch (IOException e) {
                close(tcp);
                checks.add(new Check("tls", "TLS 证书 TLS certificate", Status.FAIL, "TLS with " + where + " failed: " + rootMessage(e),
                        tlsFix(e, host)));
                checks.add(skipped("mqtt", "MQTT 连接 MQTT CONNECT", "no TLS connection"));
                checks.add(platform(t, zone));
                return checks;
            }
        }

        try (Socket s = channel) {
            checks.add(mqtt(s, t));
        } catch (IOException e) {
            checks.add(new Check("mqtt", "MQTT 连接 MQTT CONNECT", Status.FAIL, "the broker did not answer the CONNECT: " + e,
                    "check that " + where + " is an MQTT listener (not a web port) and speaks MQTT " + t.mqttVersion()));
        }
        checks.add(platform(t, zone));
        return checks;
    }

    private static Check skipped(String id, String name, String why) {
        return new Check(id, name, Status.SKIPPED, "not tried: " + why, "");
    }

    private static String tcpFix(IOException e, String host, int port) {
        if (e instanceof UnknownHostException) {
            return "the name " + host + " does not resolve: check the gateway's DNS, or give uplink.broker with an IP address";
        }
        if (e instanceof ConnectException) {
            return "nothing accepts connections on " + host + ":" + port + ": check uplink.broker (host and port) and that the broker runs";
        }
        if (e instanceof SocketTimeoutException || e instanceof NoRouteToHostException) {
            return "no answer from " + host + ":" + port + ": check the gateway's network, route and firewall (the port must be open outwards)";
        }
        return "check uplink.broker and the gateway's network";
    }

    private static String tlsFix(IOException e, String host) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertificateExpiredException) {
                return "the broker's certificate has expired: the platform must renew it (or the gateway's clock is wrong: check NTP)";
            }
            if (c instanceof CertificateNotYetValidException) {
                return "the broker's certificate is not valid yet: check the gateway's clock (NTP)";
            }
            String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no subject alternative") || m.contains("no name matching")) {
                return "the broker's certificate is not issued to '" + host + "': give uplink.broker with a name the certificate"
                        + " holds, or have the platform issue one with this name";
            }
            if (m.contains("pkix path") || m.contains("unable to find valid certification path")) {
                return "the broker's certificate is not signed by a CA the uplink trusts: set uplink.tls.caFile to the PEM of the"
                        + " platform's CA";
            }
            if (m.contains("bad_certificate") || m.contains("certificate_required") || m.contains("unknown_ca")) {
                return "the broker refused the gateway's client certificate: check uplink.tls.certFile/keyFile and that the"
                        + " platform registered it";
            }
        }
        if (e instanceof SSLException) {
            return "check that the port is the broker's TLS port (8883) and uplink.tls.* files";
        }
        return "check the broker's TLS port and the uplink.tls.* files";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    /** The platform's side: the uplink's own connection and the platform's last VERIFIED. */
    private static Check platform(Target t, ZoneId zone) {
        String name = "平台确认 Platform acknowledges";
        if (!t.uplinkRunning()) {
            return new Check("platform", name, Status.FAIL, "the uplink is not running",
                    "see the gateway's log (ALARM uplink): usually uplink.tls files; fix them and restart");
        }
        if (!t.uplinkConnected()) {
            return new Check("platform", name, Status.FAIL, "the uplink is not connected to the broker now; "
                    + t.unacknowledgedCases() + " cases wait in the outbox", "fix the checks above; the uplink retries by itself (1 s to 60 s)");
        }
        if (t.lastVerified().isPresent()) {
            return new Check("platform", name, Status.PASS, "the uplink is connected; the platform last answered VERIFIED at "
                    + t.lastVerified().get().atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS) + "; "
                    + t.unacknowledgedCases() + " cases unacknowledged", "");
        }
        return new Check("platform", name, t.unacknowledgedCases() > 0 ? Status.WARN : Status.PASS,
                "the uplink is connected; no VERIFIED from the platform since the gateway started; " + t.unacknowledgedCases()
                        + " cases unacknowledged",
                "run the test passage (测试通行): it goes to the platform and back with VERIFIED"
                        + (t.unacknowledgedCases() > 0 ? "; if it stays unanswered, the platform does not receive this gateway's"
                        + " topics (ask the platform to check the gateway id and topic prefix)" : ""));
    }

    // --- MQTT CONNECT / CONNACK / DISCONNECT (MQTT 3.1.1 and 5), nothing else ---

    private static Check mqtt(Socket s, Target t) throws IOException {
        String name = "MQTT 连接 MQTT CONNECT";
        boolean v5 = "5".equals(t.mqttVersion());
        String clientId = t.clientId() + CLIENT_SUFFIX;
        OutputStream out = s.getOutputStream();
        out.write(connect(v5, clientId, t.username(), t.password()));
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        int type;
        try {
            type = in.readUnsignedByte();
        } catch (EOFException e) {
            return new Check("mqtt", name, Status.FAIL, "the broker closed the connection without a CONNACK",
                    v5 ? "the broker may not speak MQTT 5: set uplink.mqttVersion: 3.1.1" : "check that this is an MQTT port");
        }
        if (type != 0x20) {
            return new Check("mqtt", name, Status.FAIL, String.format("the broker answered packet type 0x%02x, not a CONNACK", type),
                    "check that uplink.broker names an MQTT listener");
        }
        int length = remainingLength(in);
        byte[] body = in.readNBytes(length);
        if (body.length < 2) {
            return new Check("mqtt", name, Status.FAIL, "a CONNACK too short", "check the broker");
        }
        int code = body[1] & 0xff;
        if (code == 0) {
            out.write(new byte[] {(byte) 0xE0, 0}); // DISCONNECT, normal
            out.flush();
            return new Check("mqtt", name, Status.PASS, "the broker accepted MQTT " + t.mqttVersion() + " as " + clientId
                    + (t.username().isEmpty() ? " (no account)" : " with the account '" + t.username() + "'"), "");
        }
        return new Check("mqtt", name, Status.FAIL, "the broker refused the connection: " + refusal(v5, code), refusalFix(v5, code, t));
    }

    static byte[] connect(boolean v5, String clientId, String username, String password) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, "MQTT");
        b.write(v5 ? 5 : 4);
        int flags = 0x02; // clean session / clean start
        if (!username.isEmpty()) {
            flags |= 0x80;
            if (!password.isEmpty()) {
                flags |= 0x40;
            }
        }
        b.write(flags);
        b.write(0);
        b.write(10); // keep-alive 10 s
        if (v5) {
            b.write(0); // no properties: session expiry 0, the session ends with the connection
        }
        string(b, clientId);
        if (!username.isEmpty()) {
            string(b, username);
            if (!password.isEmpty()) {
                string(b, password);
            }
        }
        byte[] rest = b.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int n = rest.length;
        do {
            int digit = n % 128;
            n /= 128;
            packet.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        packet.writeBytes(rest);
        return packet.toByteArray();
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        b.write(utf8.length >> 8);
        b.write(utf8.length & 0xff);
        b.writeBytes(utf8);
    }

    private static int remainingLength(InputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift <= 21; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the CONNACK ended early");
            }
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("a malformed remaining length");
    }

    static String refusal(boolean v5, int code) {
        if (!v5) {
            return switch (code) {
                case 1 -> "1, protocol version not accepted";
                case 2 -> "2, client id rejected";
                case 3 -> "3, server unavailable";
                case 4 -> "4, bad user name or password";
                case 5 -> "5, not authorised";
                default -> code + "";
            };
        }
        return switch (code) {
            case 0x84 -> "0x84, unsupported protocol version";
            case 0x85 -> "0x85, client identifier not valid";
            case 0x86 -> "0x86, bad user name or password";
            case 0x87 -> "0x87, not authorized";
            case 0x88 -> "0x88, server unavailable";
            case 0x89 -> "0x89, server busy";
            case 0x8A -> "0x8A, banned";
            default -> String.format("0x%02X", code);
        };
    }

    private static String refusalFix(boolean v5, int code, Target t) {
        if ((!v5 && code == 1) || (v5 && code == 0x84)) {
            return v5 ? "the broker lacks MQTT 5: set uplink.mqttVersion: 3.1.1" : "the broker refuses MQTT 3.1.1";
        }
        if ((!v5 && code == 4) || (v5 && code == 0x86)) {
            return "check uplink.username and uplink.password with the platform";
        }
        if ((!v5 && (code == 5 || code == 2)) || (v5 && (code == 0x87 || code == 0x85 || code == 0x8A))) {
            return "the account may connect only with the uplink's own client id (" + t.clientId() + "); if the platform's"
                    + " line below is PASS, the uplink itself is let in: ask the platform to allow '" + t.clientId() + CLIENT_SUFFIX
                    + "' for this test";
        }
        return "the broker is there but not accepting connections now: try again, or ask the platform";
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing only
        }
    }
}
