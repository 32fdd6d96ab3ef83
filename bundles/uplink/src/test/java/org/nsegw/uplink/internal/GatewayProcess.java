package org.nsegw.uplink.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.nsegw.outbox.Outbox;
import org.nsegw.outbox.OutboxSettings;

/**
 * The gateway side in a JVM of its own, for {@link GatewayKillTest}: the outbox in {@code DATA/outbox} and the courier
 * to {@code BROKER}, as the uplink component runs them. Reports on stdout, one line each: {@code DRILL STARTED},
 * {@code DRILL PENDING n} whenever the outbox's count of unacknowledged items changes, and with a {@code FREEZE} above 0
 * {@code DRILL FROZEN} when the courier is about to make its FREEZE-th publish, which it then never makes (the test
 * kills the process there: mid-transfer, for certain). Stops cleanly when stdin closes.
 *
 * <pre>java -cp … org.nsegw.uplink.internal.GatewayProcess DATA BROKER FREEZE</pre>
 */
final class GatewayProcess {

    private GatewayProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String broker = args[1];
        int freeze = Integer.parseInt(args[2]);
        Outbox outbox = Outbox.open(data.resolve("outbox"), OutboxSettings.defaults(), Clock.systemUTC());
        BrokerLink link = new PahoV5Link(new PahoV5Link.Settings(broker, Cases.GATEWAY, "", "", 5, 3600, null,
                FaultDrillTest.TOPICS.ack(), Courier.will(FaultDrillTest.TOPICS, Cases.GATEWAY)));
        if (freeze > 0) {
            link = new UplinkBrokerTest.StopAt(link, freeze, () -> {
                report("FROZEN");
                while (true) {
                    LockSupport.park(); // until kill -9
                }
            });
        }
        Courier courier = new Courier(outbox, link, new Courier.Settings(FaultDrillTest.TOPICS, Cases.GATEWAY, 16, 1,
                FaultDrillTest.ACK_TIMEOUT_SECONDS, "test"), Clock.systemUTC(), new TestLog().logger);
        courier.start();
        report("STARTED");
        Thread stdin = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // nothing is sent: only the end counts
                }
            } catch (IOException e) {
                // as good as closed
            }
        }, "stdin");
        stdin.setDaemon(true);
        stdin.start();
        long reported = -1;
        while (stdin.isAlive()) {
            long pending = outbox.usage().pending();
            if (pending != reported) {
                report("PENDING " + pending);
                reported = pending;
            }
            stdin.join(TimeUnit.MILLISECONDS.toMillis(50));
        }
        courier.stop();
        outbox.close();
        report("STOPPED");
    }

    private static synchronized void report(String what) {
        System.out.println("DRILL " + what);
        System.out.flush();
    }
}
