package org.nsegw.emulator.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualSerialPortIT {

    @TempDir
    Path tmp;

    @Test
    void bytesCrossThePairBothWaysAndUnpluggingRemovesTheDevice() throws Exception {
        VirtualSerialPort.requireSocat();
        try (VirtualSerialPort port = new VirtualSerialPort(tmp.resolve("dev"), tmp.resolve("emu"))) {
            try (InputStream device = new BufferedInputStream(new FileInputStream(port.devicePath().toFile()));
                    FileOutputStream deviceOut = new FileOutputStream(port.devicePath().toFile(), true)) {
                port.write("hello".getBytes(StandardCharsets.US_ASCII));
                assertThat(device.readNBytes(5)).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
                deviceOut.write("W\r".getBytes(StandardCharsets.US_ASCII));
                deviceOut.flush();
                assertThat(port.input().readNBytes(2)).asString(StandardCharsets.US_ASCII).isEqualTo("W\r");
            }
            port.unplug();
            assertThat(port.devicePath()).doesNotExist();
            assertThat(port.isPluggedIn()).isFalse();
            assertThatThrownBy(() -> port.write(new byte[] {1})).hasMessage("unplugged");
            port.plugIn();
            assertThat(port.devicePath()).exists();
            try (InputStream device = new BufferedInputStream(new FileInputStream(port.devicePath().toFile()))) {
                port.write("again".getBytes(StandardCharsets.US_ASCII));
                assertThat(device.readNBytes(5)).asString(StandardCharsets.US_ASCII).isEqualTo("again");
            }
        }
    }
}
