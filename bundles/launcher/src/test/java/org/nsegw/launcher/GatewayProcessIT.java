package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nsegw run}, {@code nsegw status} and SIGTERM on the built distribution, each in a process of its own. */
class GatewayProcessIT {

    static final Duration START = Duration.ofSeconds(60);
    static final Duration STOP = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    @Test
    void runsTheBridgeExampleReportsStatusAndStopsCleanlyOnSigterm() throws Exception {
        Path data = tmp.resolve("data");
        // --broker instead of the site file's (unreachable) broker: the demo's embedded one, which speaks MQTT 3.1.1
        try (DemoLogs logs = DemoLogs.to(tmp.resolve("mqtt.log"), DemoLogs.MQTT);
                DemoBroker broker = DemoBroker.start(tmp.resolve("broker"));
                GatewayProcess gateway = GatewayProcess.start(tmp.resolve("run.out"), "run", "--site",
                "edge-config/bridge-example.yaml", "--data", data.toString(), "--set", "cameraReceiver.port=0",
                "--broker", broker.url(), "--set", "uplink.mqttVersion=3.1.1")) {
            gateway.awaitOutput("Gateway hz-bridge-demo-gw1 running: ", START);
            Path gatewayLog = data.resolve("log").resolve("nsegw.0.log");
            GatewayProcess.await(START, () -> contains(gatewayLog, "Uplink connected"));
            assertThat(Files.readString(gatewayLog)).contains("Uplink to " + broker.url() + " as hz-bridge-demo-gw1 (MQTT 3.1.1)",
                    "Uplink connected");

            int status = GatewayProcess.run(tmp.resolve("status.out"), STOP, "status", "--data", data.toString());
            String shown = Files.readString(tmp.resolve("status.out"));
            assertThat(status).as(shown).isZero();
            assertThat(shown).contains("Gateway hz-bridge-demo-gw1 (示例跨江大桥 北岸不停车检测点), station 3301000012",
                    "running since", "pid " + gateway.pid(), "active, none pending", "devices: 0 of 12 online",
                    "serial port /dev/ttyUSB0 does not exist");
            assertThat(Files.exists(data.resolve("log").resolve("nsegw.0.log.lck"))).as("log file open").isTrue();

            gateway.terminate();
            assertThat(gateway.waitFor(STOP)).as(gateway.output()).isZero();
            assertThat(gateway.output()).contains("Stopping the gateway...", "Gateway stopped cleanly.");
        }
        // Components were deactivated and files closed.
        JsonNode last = new ObjectMapper().readTree(data.resolve("status.json").toFile());
        assertThat(last.path("running").asBoolean(true)).isFalse();
        assertThat(last.path("devices")).allSatisfy(d -> assertThat(d.path("reason").asText()).isEqualTo("gateway stopped"));
        String log = Files.readString(data.resolve("log").resolve("nsegw.0.log"));
        assertThat(log).contains("Weigh sensor wim-L1 stopped", "Final status written to");
        assertThat(data.resolve("log").resolve("nsegw.0.log.lck")).as("log file closed").doesNotExist();

        int status = GatewayProcess.run(tmp.resolve("status2.out"), STOP, "status", "--data", data.toString());
        assertThat(status).isEqualTo(StatusCommand.EXIT_NOT_RUNNING);
        assertThat(Files.readString(tmp.resolve("status2.out"))).contains("stopped at");
    }

    @Test
    void aSecondGatewayOnTheSameDataDirectoryIsRefused() throws Exception {
        Path data = tmp.resolve("shared");
        try (GatewayProcess first = GatewayProcess.start(tmp.resolve("first.out"), "run", "--site",
                "edge-config/site-example.yaml", "--data", data.toString())) {
            first.awaitOutput("running:", START);
            int second = GatewayProcess.run(tmp.resolve("second.out"), START, "run", "--site",
                    "edge-config/site-example.yaml", "--data", data.toString());
            assertThat(second).isEqualTo(Nsegw.EXIT_FAILURE);
            assertThat(Files.readString(tmp.resolve("second.out")))
                    .contains("is in use by another gateway (pid " + first.pid() + ")");
            assertThat(first.isAlive()).isTrue();
            first.terminate();
            assertThat(first.waitFor(STOP)).isZero();
        }
    }

    @Test
    void anInvalidSiteFileIsRefusedBeforeAnythingStarts() throws Exception {
        Path data = tmp.resolve("never");
        int exit = GatewayProcess.run(tmp.resolve("invalid.out"), START, "run", "--site",
                "bundles/launcher/src/test/resources/sites/five-mistakes.yaml", "--data", data.toString());
        String out = Files.readString(tmp.resolve("invalid.out"));
        assertThat(exit).as(out).isEqualTo(Nsegw.EXIT_INVALID);
        assertThat(out).contains("5 problems in bundles/launcher/src/test/resources/sites/five-mistakes.yaml",
                "The gateway does not start with an invalid site file.");
        assertThat(data).doesNotExist();
    }

    @Test
    void statusTellsAGatewayThatDiedFromOneThatStopped() throws Exception {
        Path data = tmp.resolve("died");
        Files.createDirectories(data);
        // A status file left by a process that no longer exists, claiming to run.
        long deadPid = ProcessHandle.current().pid() + 1_000_000;
        Files.writeString(data.resolve("status.json"), """
                {"format":1,"gateway":{"id":"gw-x","name":"","stationCode":"1"},"pid":%d,"running":true,
                 "startedAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:10:00Z","heartbeatSeconds":5,
                 "ready":true,"components":{"active":3,"pending":[]},"devices":[]}
                """.formatted(deadPid));
        int exit = GatewayProcess.run(tmp.resolve("died.out"), STOP, "status", "--data", data.toString());
        assertThat(exit).isEqualTo(StatusCommand.EXIT_NOT_RUNNING);
        assertThat(Files.readString(tmp.resolve("died.out"))).contains("NOT RUNNING", "stopped without shutting down");
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false; // being rotated at this moment; the next look will do
        }
    }
}
