package org.nsegw.emulator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.packet.BuiltPacket;
import org.nsegw.packet.ChainLink;
import org.nsegw.packet.GatewayKeys;
import org.nsegw.packet.PacketBuilder;
import org.nsegw.packet.PacketEntry;
import org.nsegw.packet.PacketSigner;

/** The MQTT 3.1.1 fallback of docs/mqtt-topics.md: chunk topics carry case, index and count; acks the case in JSON. */
class Mqtt311Test {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1024;

    /** Shared (Mosquitto takes $share/ from 3.1.1 clients) and unshared (for brokers without shared subscriptions). */
    @ParameterizedTest
    @ValueSource(strings = {"platform", ""})
    void aGatewayOnMqtt311IsServedTheSameWay(String group, @TempDir Path dir) throws Exception {
        PacketSigner signer = GatewayKeys.loadOrCreate(dir.resolve("keys"), "Ed25519");
        BuiltPacket packet = PacketBuilder.build(Map.of("caseId", "330106202611231015070001", "gatewayId", "gw-3"),
                List.of(new PacketEntry("images/front-1.jpg", new byte[4000])), ChainLink.first(), signer);
        Path store = dir.resolve("store");
        try (Mosquitto broker = Mosquitto.start(dir);
                PlatformReceiver platform = PlatformReceiver.start(PlatformReceiver.Settings
                        .of(broker.url(), "zj/nse", store).withGroup(group).withMqttVersion(3).withTrustedKeyIds(Set.of(signer.keyId())))) {
            MqttAsyncClient gateway = new MqttAsyncClient(broker.url(), "gw-3-" + UUID.randomUUID(), new MemoryPersistence());
            BlockingQueue<JsonNode> acks = new LinkedBlockingQueue<>();
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            gateway.connect(options).waitForCompletion(10_000);
            gateway.subscribe("zj/nse/gw-3/ack", 1, (topic, message) -> acks.add(JSON.readTree(message.getPayload())))
                    .waitForCompletion(10_000);
            // the notice is the same JSON as over MQTT 5
            byte[] notice = JSON.writeValueAsBytes(Map.of("caseId", packet.caseId(), "sequence", 1, "outcome",
                    "VIOLATION", "plate", "浙A12345", "time", "2026-11-23T02:15:07.250Z", "packetSha256",
                    PacketCheck.sha256(packet.zip()), "packetSize", packet.zip().length, "chunkSize", CHUNK, "chunks",
                    FakeGateway.chunkCount(packet.zip(), CHUNK)));
            gateway.publish("zj/nse/gw-3/case/notice", new MqttMessage(notice)).waitForCompletion(10_000);
            int chunks = FakeGateway.chunkCount(packet.zip(), CHUNK);
            for (int i = 0; i < chunks; i++) {
                MqttMessage chunk = new MqttMessage(FakeGateway.chunk(packet.zip(), CHUNK, i));
                chunk.setQos(1);
                gateway.publish("zj/nse/gw-3/case/chunk/" + packet.caseId() + "/" + i + "/" + chunks, chunk)
                        .waitForCompletion(10_000);
            }

            JsonNode ack = acks.poll(FakeGateway.ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(ack).as("an answer").isNotNull();
            assertThat(ack.path("caseId").asText()).isEqualTo(packet.caseId());
            assertThat(ack.path("status").asText()).isEqualTo("VERIFIED");
            assertThat(platform.counts().verified()).isEqualTo(1);
            assertThat(ReceivedCase.readAll(store)).singleElement()
                    .satisfies(r -> assertThat(r.plate()).isEqualTo("浙A12345"));
            gateway.disconnect().waitForCompletion(5_000);
            gateway.close();
        }
    }
}
