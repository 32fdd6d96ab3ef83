package org.nsegw.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nsegw.api.device.DeviceState;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.device.DeviceStatusBoard;
import org.nsegw.api.runtime.GatewayProperties;
import org.nsegw.api.runtime.Readiness;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A site camera in the real framework: its component activates, loads OpenCV's natives from the openpnp bundle, reads
 * frames from a folder and decodes them (a corrupt one is counted). The bridge example has no site camera, so the test
 * adds one through Configuration Admin and removes it again.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class SiteCameraTest {

    static final String ID = "cam-itest";

    @InjectBundleContext
    BundleContext context;

    @Test
    void aSiteCameraReadsAndDecodesFramesWithOpenCvInTheFramework(
            @InjectService(filter = "(nsegw.ready=true)", timeout = GatewayRuntimeTest.TIMEOUT_MS) Readiness readiness,
            @InjectService ConfigurationAdmin configAdmin, @InjectService DeviceStatusBoard board,
            @InjectService ServiceComponentRuntime scr) throws Exception {
        assertThat(Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals("org.openpnp.opencv")))
                .singleElement().satisfies(b -> assertThat(b.getState()).isEqualTo(Bundle.ACTIVE));
        Path frames = Path.of(context.getProperty(GatewayProperties.DATA_DIR)).resolve("itest-frames");
        Files.createDirectories(frames);
        Files.write(frames.resolve("f1.jpg"), jpeg(0x6e7073));
        Files.write(frames.resolve("f2.jpg"), jpeg(0x707070));
        byte[] corrupt = new byte[600];
        corrupt[0] = (byte) 0xff;
        corrupt[1] = (byte) 0xd8;
        corrupt[598] = (byte) 0xff;
        corrupt[599] = (byte) 0xd9;
        Files.write(frames.resolve("f3.jpg"), corrupt);

        Configuration c = configAdmin.getFactoryConfiguration("org.nsegw.vision.camera", ID, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("id", ID);
        p.put("profile", "camera/replay-directory");
        p.put("lane", "L1");
        p.put("protocol", "directory");
        p.put("path", frames.toString());
        p.put("intervalMs", 40);
        p.put("frame.width", 64);
        p.put("frame.height", 48);
        p.put("regions.wheelZone", new String[] {"0.2,0.6", "0.87,0.6", "0.87,0.83", "0.2,0.83"});
        p.put("regions.bodyZone", new String[] {"0.2,0.22", "0.74,0.22", "0.74,0.43", "0.2,0.43"});
        p.put("regions.roadZone", new String[] {"0.3,0.85", "0.98,0.85", "0.98,0.99", "0.3,0.99"});
        c.update(p);
        try {
            GatewayRuntimeTest.awaitTrue(Duration.ofSeconds(30), () -> status(board).map(s -> s.counters().getOrDefault("corrupt", 0L) == 1
                    && s.counters().getOrDefault("frames", 0L) == 2).orElse(false));
            DeviceStatus s = status(board).orElseThrow();
            assertThat(s.state()).as(s.reason()).isEqualTo(DeviceState.ERROR);
            assertThat(s.reason()).startsWith("corrupt JPEG: f3.jpg");
            assertThat(s.lastDataTime()).isPresent();
        } finally {
            c.delete();
            // the camera reports "gateway stopped" as it goes: wait for it, then take it off the board for the other tests
            GatewayRuntimeTest.awaitTrue(Duration.ofSeconds(10), () -> scr.getComponentDescriptionDTOs().stream()
                    .filter(d -> d.name.endsWith(".SiteCamera")).allMatch(d -> scr.getComponentConfigurationDTOs(d).isEmpty())
                    && status(board).map(st -> st.reason().equals("gateway stopped")).orElse(true));
            board.remove(ID);
        }
    }

    private static Optional<DeviceStatus> status(DeviceStatusBoard board) {
        return board.devices().stream().filter(d -> d.deviceId().equals(ID)).findFirst();
    }

    /** A small JPEG of one colour, written by the JDK. */
    private static byte[] jpeg(int rgb) throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, rgb + x);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
