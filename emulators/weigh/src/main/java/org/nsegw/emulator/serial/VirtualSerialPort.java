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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
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
    /** What the emulator sends, written by a thread of its own: a device never waits for its line. */
    private final BlockingQueue<byte[]> outgoing = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final AtomicLong dropped = new AtomicLong();
    private Thread writer;

    /** Frames waiting for the line; beyond this the line loses them, as a serial line nobody reads does. */
    static final int QUEUE_FRAMES = 512;

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
        OutputStream stream = out;
        writer = new Thread(() -> drain(stream), "virtual-serial-" + devicePath.getFileName());
        writer.setDaemon(true);
        writer.start();
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

    /**
     * Sends bytes to the gateway without waiting: when the gateway does not read and the line's buffers are full,
     * the bytes are lost (and counted), as on a real serial line.
     */
    public void write(byte[] bytes) throws IOException {
        synchronized (this) {
            if (out == null) {
                throw new IOException("unplugged");
            }
        }
        if (!outgoing.offer(bytes.clone())) {
            dropped.addAndGet(bytes.length);
        }
    }

    /** Bytes lost because nobody read the line. */
    public long dropped() {
        return dropped.get();
    }

    private void drain(OutputStream stream) {
        try {
            while (true) {
                byte[] b = outgoing.take();
                stream.write(b);
                stream.flush();
            }
        } catch (InterruptedException | IOException e) {
            // unplugged or closed: the bytes in flight are lost, as on a real line
        }
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
        if (writer != null) {
            writer.interrupt();
            writer = null;
        }
        outgoing.clear();
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
