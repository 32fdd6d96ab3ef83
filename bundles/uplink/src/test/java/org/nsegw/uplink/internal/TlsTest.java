package org.nsegw.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.uplink.internal.protocol.Topics;

/** The gateway's TLS with a client certificate, against a Mosquitto that requires one, with a CA the test makes. */
class TlsTest {

    static final Topics TOPICS = new Topics("zj/nse", "gw-tls");

    @TempDir
    Path dir;
    private Mosquitto broker;
    private PahoV5Link link;

    @BeforeEach
    void makeCertificates() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca-key.pem",
                "-out", "ca.pem", "-days", "2", "-subj", "/CN=test platform CA");
        signed("broker", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1");
        signed("gateway", "/CN=gw-tls", "extendedKeyUsage=clientAuth");
        broker = Mosquitto.tls(Files.createDirectories(dir.resolve("broker")), dir.resolve("ca.pem"), dir.resolve("broker.pem"),
                dir.resolve("broker-key.pem")).start();
    }

    private void signed(String name, String subject, String extension) throws Exception {
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + "-key.pem", "-out",
                name + ".csr", "-subj", subject);
        Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-days", "2",
                "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl %s: %s", String.join(" ", args), out).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (link != null) {
            link.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    private PahoV5Link link(javax.net.ssl.SSLSocketFactory sockets) {
        link = new PahoV5Link(new PahoV5Link.Settings(broker.tlsUrl(), "gw-tls", "", "", 5, 3600, sockets, TOPICS.ack(),
                Courier.will(TOPICS, "gw-tls")));
        return link;
    }

    private static final BrokerLink.Listener QUIET = new BrokerLink.Listener() {
        @Override
        public void acknowledgement(byte[] payload, byte[] correlation) {
        }

        @Override
        public void lost(String reason) {
        }
    };

    @Test
    void connectsWithTheClientCertificate() throws Exception {
        String ca = dir.resolve("ca.pem").toString();
        BrokerLink.Limits limits = link(Tls.socketFactory(ca, dir.resolve("gateway.pem").toString(),
                dir.resolve("gateway-key.pem").toString())).connect(QUIET);
        assertThat(limits.receiveMaximum()).isPositive();
    }

    @Test
    void withoutTheClientCertificateTheBrokerRefuses() throws Exception {
        String ca = dir.resolve("ca.pem").toString();
        assertThatThrownBy(() -> link(Tls.socketFactory(ca, "", "")).connect(QUIET)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot connect to ssl://127.0.0.1");
    }

    @Test
    void aBrokerSignedByAnotherCaIsNotTrusted() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "other-key.pem",
                "-out", "other.pem", "-days", "2", "-subj", "/CN=someone else");
        assertThatThrownBy(() -> link(Tls.socketFactory(dir.resolve("other.pem").toString(), dir.resolve("gateway.pem").toString(),
                dir.resolve("gateway-key.pem").toString())).connect(QUIET)).isInstanceOf(IOException.class);
    }

    @Test
    void badFilesAreNamed() throws Exception {
        Files.writeString(dir.resolve("rsa-old.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> Tls.socketFactory("", dir.resolve("gateway.pem").toString(), dir.resolve("rsa-old.pem").toString()))
                .hasMessageContaining("not an unencrypted PKCS#8 key");
        assertThatThrownBy(() -> Tls.socketFactory("", dir.resolve("gateway.pem").toString(), ""))
                .hasMessageContaining("needs both tls.certFile and tls.keyFile");
        Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> Tls.socketFactory(dir.resolve("empty.pem").toString(), "", "")).isInstanceOf(IOException.class);
    }
}
