package org.nsegw.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nsegw.uplink.internal.UplinkBrokerTest.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.emulator.platform.PlatformReceiver;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.OutboxSettings;
import org.nsegw.outbox.State;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.uplink.internal.protocol.Packets;
import org.nsegw.uplink.internal.protocol.Topics;

/**
 * The uplink over MQTT 3.1.1 against RabbitMQ's MQTT plugin (Debian's rabbitmq-server 3.10), with the reference
 * receiver as the platform, and the plugin's limits that docs/uplink.md names. One node for the class.
 */
class RabbitMqTest {

    @TempDir
    static Path nodeDir;
    private static RabbitMq rabbit;

    @TempDir
    Path dir;

    @BeforeAll
    static void startNode() throws Exception {
        rabbit = RabbitMq.start(nodeDir);
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    private static Courier courier(Outbox outbox, Topics topics, int maxChunkKb) {
        return new Courier(outbox, new PahoV3Link(new PahoV5Link.Settings(rabbit.url(), Cases.GATEWAY, "", "", 10, 3600, null,
                topics.ack(), Courier.will(topics, Cases.GATEWAY))), new Courier.Settings(topics, Cases.GATEWAY, maxChunkKb, 1, 0,
                "test"), Clock.systemUTC(), new TestLog().logger);
    }

    /**
     * Cases, one of them of over 20 chunks, go through RabbitMQ while the platform is away (its persistent session keeps
     * them), wait in the outbox as SENT, and leave it only when the platform, back, answers VERIFIED.
     */
    @Test
    void casesReachThePlatformOverMqtt311AndLeaveTheOutboxOnlyWhenVerified() throws Exception {
        String prefix = "zj/rmq1";
        Topics topics = new Topics(prefix, Cases.GATEWAY);
        Path store = dir.resolve("platform");
        // RabbitMQ 3.10 has no shared subscriptions: one receiver, unshared, with a persistent session (clean session off)
        PlatformReceiver.Settings settings = PlatformReceiver.Settings.of(rabbit.url(), prefix, store).withMqttVersion(3)
                .withGroup("").withSession("platform-" + UUID.randomUUID(), Duration.ofDays(1))
                .withTrustedKeyIds(java.util.Set.of(Packets.keyId())).withMissingAfter(Duration.ofSeconds(5));
        PlatformReceiver.start(settings).close(); // its session and subscription now exist at the broker

        Cases cases = new Cases("33010000122026112310151");
        try (Outbox outbox = Outbox.open(dir.resolve("outbox"), OutboxSettings.defaults(), Clock.systemUTC())) {
            BuiltPacket large = cases.add(outbox, 750_000);
            for (int i = 0; i < 4; i++) {
                cases.add(outbox, 20_000);
            }
            Courier courier = courier(outbox, topics, 32);
            courier.start();
            try {
                await("every case sent (PUBACKed by RabbitMQ)", Duration.ofSeconds(30),
                        () -> cases.all().stream().allMatch(p -> outbox.find(p.caseId()).orElseThrow().state() == State.SENT));
                assertThat(courier.counters().get("chunks")).as("the large packet went in 32 KiB chunks")
                        .isGreaterThanOrEqualTo(large.zip().length / (32 * 1024) + 1L);
                assertThat(cases.allAcknowledged(outbox)).as("a PUBACK alone acknowledges nothing").isFalse();

                try (PlatformReceiver platform = PlatformReceiver.start(settings)) {
                    await("every case acknowledged", Duration.ofSeconds(30), () -> cases.allAcknowledged(outbox));
                    assertThat(platform.counts().verified()).isEqualTo(cases.size());
                    assertThat(platform.counts().rejected()).isZero();
                }
                assertThat(courier.counters()).containsEntry("verified", (long) cases.size()).containsEntry("invalidAcks", 0L)
                        .containsEntry("pubackErrors", 0L);
                cases.assertDeliveredOnce(store, outbox);
                assertThat(retained(topics.status())).as("the retained birth status, kept by RabbitMQ").contains("\"online\":true");
            } finally {
                courier.stop();
            }
        }
    }

    /**
     * What docs/uplink.md says of RabbitMQ 3.10's MQTT plugin: {@code $share/} is no shared subscription but a literal
     * topic filter (accepted, yet the messages of the topic never come), QoS 2 is granted and delivered as QoS 1, and a
     * clean-session-off session survives a disconnect with its queued messages.
     */
    @Test
    void theLimitsOfRabbitMqsMqttPlugin() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        MqttAsyncClient sub = client("facts-sub", false, got);
        // one client's subscriptions share one queue in RabbitMQ: the marker comes after anything published before it
        IMqttToken s = sub.subscribe(new String[] {"$share/g/facts/shared", "facts/q2", "facts/marker"}, new int[] {1, 2, 1});
        s.waitForCompletion(10_000);
        assertThat(s.getGrantedQos()).as("QoS 2 granted as 1").containsExactly(1, 1, 1);
        MqttAsyncClient pub = client("facts-pub", true, new LinkedBlockingQueue<>());
        pub.publish("facts/shared", "a".getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
        pub.publish("facts/q2", "b".getBytes(StandardCharsets.UTF_8), 2, false).waitForCompletion(10_000);
        pub.publish("facts/marker", "c".getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
        assertThat(List.of(next(got), next(got))).containsExactly("facts/q2 qos1", "facts/marker qos1");

        sub.disconnect().waitForCompletion(10_000);
        sub.close();
        pub.publish("facts/marker", "d".getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
        MqttAsyncClient back = client("facts-sub", false, got);
        assertThat(next(got)).as("queued for the session while away").isEqualTo("facts/marker qos1");
        back.disconnect().waitForCompletion(10_000);
        back.close();
        pub.disconnect().waitForCompletion(10_000);
        pub.close();
    }

    private static String next(BlockingQueue<String> got) throws InterruptedException {
        String m = got.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a message within 10 s").isNotNull();
        return m;
    }

    private static MqttAsyncClient client(String id, boolean cleanSession, BlockingQueue<String> got) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(rabbit.url(), id, new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                got.add(topic + " qos" + m.getQos());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(cleanSession);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    /** The retained message of a topic, read by a fresh subscriber. */
    private static String retained(String topic) throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        MqttAsyncClient c = new MqttAsyncClient(rabbit.url(), "reader-" + UUID.randomUUID(), new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String t, MqttMessage m) {
                if (m.isRetained()) {
                    got.add(new String(m.getPayload(), StandardCharsets.UTF_8));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        c.connect(o).waitForCompletion(10_000);
        try {
            c.subscribe(topic, 1).waitForCompletion(10_000);
            return next(got);
        } finally {
            c.disconnect().waitForCompletion(10_000);
            c.close();
        }
    }
}
