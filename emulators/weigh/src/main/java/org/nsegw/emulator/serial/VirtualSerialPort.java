package org.nsegw.emulator.serial;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A serial line made of a pseudo-terminal pair by {@code socat}: the gateway opens {@link #devicePath()} as if it
 * were {@code /dev/ttyUSB0}, the emulator writes and reads {@link #emulatorPath()}. Unplugging kills socat, so that
 * both links vanish and the gateway's reads fail as they do when a USB adapter is pulled; plugging in again makes
 * a new pair under the same names.
 */
public final class VirtualSerialPort implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path devicePath;
    private final Path emulatorPath;
    private Process socat;
    private InputStream in;
    private OutputStream out;

    /**
     * Creates the pair and waits until both links exist.
     *
     * @param devicePath   where the gateway finds its "device", e.g. /tmp/nsegw-demo/wim-L1
     * @param emulatorPath the emulator's end
     */
    public VirtualSerialPort(Path devicePath, Path emulatorPath) throws IOException {
        this.devicePath = devicePath.toAbsolutePath();
        this.emulatorPath = emulatorPath.toAbsolutePath();
        plugIn();
    }

    /** Whether socat can be run here; the error message says how to get it when not. */
    public static void requireSocat() throws IOException {
        try {
            Process p = new ProcessBuilder("socat", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException("socat -V failed");
            }
        } catch (IOException e) {
            throw new IOException("the emulated serial lines need socat (Debian: apt-get install socat; ./nsegw test installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public Path devicePath() {
        return devicePath;
    }

    public Path emulatorPath() {
        return emulatorPath;
    }

    /** Makes the pair (again) and opens the emulator's end. */
    public synchronized void plugIn() throws IOException {
        if (socat != null && socat.isAlive()) {
            return;
        }
        Files.createDirectories(devicePath.getParent());
        Files.createDirectories(emulatorPath.getParent());
        Files.deleteIfExists(devicePath);
        Files.deleteIfExists(emulatorPath);
        socat = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + devicePath, "pty,raw,echo=0,link=" + emulatorPath))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!(Files.exists(devicePath) && Files.exists(emulatorPath))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                socat.destroyForcibly();
                throw new IOException("socat did not create " + devicePath + " and " + emulatorPath);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        out = new FileOutputStream(emulatorPath.toFile(), true); // append: a terminal cannot be truncated
        // Buffered: FileInputStream.readNBytes seeks, which a terminal refuses ("Illegal seek").
        in = new BufferedInputStream(new FileInputStream(emulatorPath.toFile()));
    }

    /** Pulls the plug: socat ends, both links vanish, the gateway's port fails. */
    public synchronized void unplug() throws IOException {
        closeStreams();
        if (socat != null) {
            socat.destroy();
            try {
                if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                    socat.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Files.deleteIfExists(devicePath);
        Files.deleteIfExists(emulatorPath);
    }

    public synchronized boolean isPluggedIn() {
        return socat != null && socat.isAlive();
    }

    /** Sends bytes to the gateway. */
    public void write(byte[] bytes) throws IOException {
        OutputStream o;
        synchronized (this) {
            o = out;
        }
        if (o == null) {
            throw new IOException("unplugged");
        }
        o.write(bytes);
        o.flush();
    }

    /** The stream of what the gateway writes (requests of polled protocols); blocks. */
    public synchronized InputStream input() throws IOException {
        if (in == null) {
            throw new IOException("unplugged");
        }
        return in;
    }

    @Override
    public void close() throws IOException {
        unplug();
    }

    private void closeStreams() {
        try {
            if (out != null) {
                out.close();
            }
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            // closing a vanished pseudo-terminal may fail; it is gone either way
        }
        out = null;
        in = null;
    }
}
