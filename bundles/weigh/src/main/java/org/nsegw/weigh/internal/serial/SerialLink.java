package org.nsegw.weigh.internal.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A serial port kept open: opened by path with the device's settings, read on a thread of its own, and reopened
 * with a growing delay when it cannot be opened or vanishes (a USB adapter unplugged, a terminal server down).
 * Everything the port does is reported to {@link Events} on that one thread, which is also the only thread that
 * writes.
 */
public final class SerialLink {

    /** What happens on the port. All calls come from the link's thread. */
    public interface Events {
        void connected();

        void received(byte[] bytes, int length);

        /** Nothing arrived for a read timeout (100 ms): time to look at the clock. */
        void idle();

        void disconnected(String reason);
    }

    static final int READ_TIMEOUT_MS = 100;
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final SerialSettings settings;
    private final Events events;
    private final Thread thread;
    private volatile boolean running = true;
    private SerialPort port;

    public SerialLink(SerialSettings settings, Events events, String threadName) {
        this.settings = settings;
        this.events = events;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Stops the thread and closes the port; returns when both are done. */
    public void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }

    /** Writes to the device; call from {@link Events} callbacks only. Returns false if the port is not open. */
    public boolean write(byte[] bytes) {
        SerialPort p = port;
        return p != null && p.isOpen() && p.writeBytes(bytes, bytes.length) == bytes.length;
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        byte[] buffer = new byte[4096];
        while (running) {
            String failure = open();
            if (failure == null) {
                retry = FIRST_RETRY;
                events.connected();
                failure = readUntilLost(buffer);
                close();
            }
            if (!running) {
                break;
            }
            events.disconnected(failure + "; retrying in " + retry.toMillis() / 1000.0 + " s");
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                break;
            }
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        }
        close();
    }

    /** Opens the port; returns why not, or {@code null} when open. */
    private String open() {
        if (!Files.exists(Path.of(settings.path()))) {
            return "serial port " + settings.path() + " does not exist";
        }
        SerialPort p = SerialPort.getCommPort(settings.path());
        p.setComPortParameters(settings.baud(), settings.dataBits(), SerialSettings.STOP_BITS.get(settings.stopBits()),
                SerialSettings.PARITY.get(settings.parity()));
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (settings.rs485()) {
            p.setRs485ModeParameters(true, true, false, false, 0, 0);
        }
        if (!p.openPort()) {
            return "cannot open serial port " + settings.path() + ": " + explain(p.getLastErrorCode());
        }
        port = p;
        return null;
    }

    private String readUntilLost(byte[] buffer) {
        SerialPort p = port;
        while (running) {
            int n = p.readBytes(buffer, buffer.length);
            if (n > 0) {
                events.received(buffer, n);
            } else if (n == 0) {
                events.idle();
            } else {
                return "serial port " + settings.path() + " disappeared (read error " + p.getLastErrorCode() + ")";
            }
        }
        return "stopped";
    }

    private void close() {
        SerialPort p = port;
        port = null;
        if (p != null && p.isOpen()) {
            p.closePort();
        }
    }

    /** The errno jSerialComm reports, in words an installer can act on. */
    static String explain(int errno) {
        return switch (errno) {
            case 2 -> "no such device";
            case 13 -> "permission denied (add the gateway's user to the group dialout)";
            case 16 -> "in use by another program";
            case 5 -> "input/output error";
            default -> "error " + errno;
        };
    }
}
