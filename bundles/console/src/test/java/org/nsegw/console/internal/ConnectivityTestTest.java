package org.nsegw.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.nsegw.console.internal.ConnectivityTest.Check;
import org.nsegw.console.internal.ConnectivityTest.Status;

/**
 * The connectivity test's TCP and TLS checks against real sockets on loopback (a closed port; real TLS servers with a
 * certificate the uplink trusts, one it does not, one for another name). The MQTT check against a real broker is in
 * the launcher's {@code ConsoleCommissioningBrowserIT}.
 */
class ConnectivityTestTest {

    private final SecureRandom random = new SecureRandom();
    private final ZoneId zone = ZoneId.of("Asia/Shanghai");

    private static Map<String, Check> byId(List<Check> checks) {
        return checks.stream().collect(Collectors.toMap(Check::id, Function.identity()));
    }

    private ConnectivityTest.Target target(String broker, SSLSocketFactory sockets) {
        return new ConnectivityTest.Target(broker, "gw1", "gw1", "", sockets, "5", true, false, Optional.empty(), 3);
    }

    @Test
    void aClosedPortSaysNothingListensAndSkipsTheRest() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, Check> c = byId(ConnectivityTest.run(target("tcp://127.0.0.1:" + port, null), zone));
        assertThat(c.get("tcp").status()).isEqualTo(Status.FAIL);
        assertThat(c.get("tcp").fix()).contains("nothing accepts connections on 127.0.0.1:" + port);
        assertThat(c.get("tls").status()).isEqualTo(Status.SKIPPED);
        assertThat(c.get("mqtt").status()).isEqualTo(Status.SKIPPED);
        assertThat(c.get("platform").status()).isEqualTo(Status.FAIL);
        assertThat(c.get("platform").detail()).contains("not connected", "3 cases wait");
    }

    @Test
    void aBrokerUrlThatIsNoneIsSaid() {
        List<Check> c = ConnectivityTest.run(target("mqtt.example:1883", null), zone);
        assertThat(c).singleElement().satisfies(k -> {
            assertThat(k.status()).isEqualTo(Status.FAIL);
            assertThat(k.fix()).contains("ssl://HOST:8883");
        });
    }

    @Test
    void tlsPassesWithTheUplinksCaAndTheRightNameAndFailsOtherwiseWithWhatToFix() throws Exception {
        TlsIdentity broker = TlsIdentity.selfSigned("broker", Set.of("localhost", "127.0.0.1"), random, Instant.now());
        TlsIdentity stranger = TlsIdentity.selfSigned("stranger", Set.of("localhost", "127.0.0.1"), random, Instant.now());
        TlsIdentity elsewhere = TlsIdentity.selfSigned("elsewhere", Set.of("mqtt.elsewhere.example"), random, Instant.now());

        try (TlsServer server = new TlsServer(broker.sslContext())) {
            String url = "ssl://127.0.0.1:" + server.port();
            Map<String, Check> trusted = byId(ConnectivityTest.run(target(url, trusting(broker)), zone));
            assertThat(trusted.get("tcp").status()).isEqualTo(Status.PASS);
            assertThat(trusted.get("tls").status()).as(trusted.get("tls").toString()).isEqualTo(Status.PASS);
            assertThat(trusted.get("tls").detail()).contains("trusted by the uplink's CA", "valid until", "CN=");
            assertThat(trusted.get("mqtt").status()).as("a TLS server that speaks no MQTT").isEqualTo(Status.FAIL);

            Map<String, Check> untrusted = byId(ConnectivityTest.run(target(url, trusting(stranger)), zone));
            assertThat(untrusted.get("tcp").status()).isEqualTo(Status.PASS);
            assertThat(untrusted.get("tls").status()).isEqualTo(Status.FAIL);
            assertThat(untrusted.get("tls").fix()).contains("uplink.tls.caFile");
            assertThat(untrusted.get("mqtt").status()).isEqualTo(Status.SKIPPED);
        }
        try (TlsServer server = new TlsServer(elsewhere.sslContext())) {
            Map<String, Check> wrongName = byId(ConnectivityTest.run(target("ssl://127.0.0.1:" + server.port(), trusting(elsewhere)),
                    zone));
            assertThat(wrongName.get("tls").status()).isEqualTo(Status.FAIL);
            assertThat(wrongName.get("tls").fix()).contains("not issued to '127.0.0.1'");
        }
    }

    @Test
    void plainTcpIsAWarningAndTheMqttCheckNeedsACONNACK() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().read(new byte[64]);
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test ended
                }
            });
            t.setDaemon(true);
            t.start();
            Map<String, Check> c = byId(ConnectivityTest.run(target("tcp://127.0.0.1:" + silent.getLocalPort(), null), zone));
            assertThat(c.get("tcp").status()).isEqualTo(Status.PASS);
            assertThat(c.get("tls").status()).isEqualTo(Status.WARN);
            assertThat(c.get("mqtt").status()).isEqualTo(Status.FAIL);
            assertThat(c.get("mqtt").detail()).contains("not a CONNACK");
        }
    }

    @Test
    void theConnectPacketIsMqtt() {
        byte[] v5 = ConnectivityTest.connect(true, "gw1-console-test", "gw1", "secret");
        assertThat(v5[0]).isEqualTo((byte) 0x10);
        assertThat(v5[1]).isEqualTo((byte) (v5.length - 2));
        assertThat(new String(v5, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("MQTT");
        assertThat(v5[8]).as("level 5").isEqualTo((byte) 5);
        assertThat(v5[9]).as("user, password, clean start").isEqualTo((byte) 0xC2);
        byte[] v311 = ConnectivityTest.connect(false, "gw1-console-test", "", "");
        assertThat(v311[8]).isEqualTo((byte) 4);
        assertThat(v311[9]).isEqualTo((byte) 0x02);
        assertThat(ConnectivityTest.refusal(false, 5)).contains("not authorised");
        assertThat(ConnectivityTest.refusal(true, 0x86)).contains("bad user name or password");
    }

    private static SSLSocketFactory trusting(TlsIdentity identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", identity.leaf());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }

    /** A real TLS server on loopback that completes handshakes and closes (it speaks no MQTT). */
    private static final class TlsServer implements AutoCloseable {
        private final SSLServerSocket socket;
        private final Thread thread;

        TlsServer(SSLContext context) throws IOException {
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 4, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        s.getInputStream().read(); // handshake, then the client's first byte or its close
                    } catch (IOException e) {
                        // a refused handshake, or closed
                    }
                }
            }, "tls-test-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5_000);
        }
    }
}
