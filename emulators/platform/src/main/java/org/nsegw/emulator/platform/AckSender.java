package org.nsegw.emulator.platform;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the receiver's answers without holding up the receiving: the worker hands an answer over and goes on, and this
 * sender's thread publishes it (QoS 1) as soon as the client has room. An answer is done only at the broker's PUBACK.
 * One the client refuses (too many in flight, offline) waits and is tried again; one whose publish fails (the
 * connection went) or is not PUBACKed within {@code timeout} is published again. A lost answer would cost the gateway
 * its {@code ackTimeoutSeconds} (600 s by default) before it sends the case again, so none is dropped; a repeated
 * {@code VERIFIED} is harmless (the gateway takes the first and ignores the rest).
 */
final class AckSender implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AckSender.class.getName());
    /** After a refusal: wait for a PUBACK (which frees room) or this long, doubling up to a second. */
    private static final long FIRST_WAIT_MS = 10;
    private static final long LAST_WAIT_MS = 1_000;

    /** Publishes one answer; {@code done} is told once, with null at the PUBACK or why it failed. */
    interface Publisher {
        /** @throws IOException when the client refuses the message now (too many in flight, not connected) */
        void send(String gateway, Acknowledgement ack, Done done) throws IOException;
    }

    interface Done {
        void done(String error);
    }

    private record Pending(long id, String gateway, Acknowledgement ack, int attempt) {
    }

    private record Flying(Pending pending, long sentNanos) {
    }

    private final Publisher publisher;
    private final long timeoutNanos;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Map<Long, Flying> flying = new HashMap<>();
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private long nextId;
    private boolean closing;
    private boolean completed;

    AckSender(Publisher publisher, Duration timeout, String name) {
        this.publisher = publisher;
        this.timeoutNanos = timeout.toNanos();
        this.thread = new Thread(this::run, "platform-acks " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an answer; returns at once. */
    synchronized void send(String gateway, Acknowledgement ack) {
        queue.addLast(new Pending(nextId++, gateway, ack, 1));
        notifyAll();
    }

    /** Answers PUBACKed by the broker. */
    long delivered() {
        return delivered.get();
    }

    /** Answers published again: refused by the client after a publish, failed, or not PUBACKed in time. */
    long retried() {
        return retried.get();
    }

    /** Answers queued or in flight. */
    synchronized int unfinished() {
        return queue.size() + flying.size();
    }

    private void run() {
        long wait = FIRST_WAIT_MS;
        while (true) {
            Pending p;
            synchronized (this) {
                expire();
                if (completed || closing && queue.isEmpty() && flying.isEmpty()) {
                    return;
                }
                p = queue.pollFirst();
                if (p == null) {
                    try {
                        wait(flying.isEmpty() ? 1_000 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4));
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                flying.put(p.id(), new Flying(p, System.nanoTime()));
            }
            // outside the lock: the client's threads call back into finished()
            try {
                publisher.send(p.gateway(), p.ack(), error -> finished(p, error));
                wait = FIRST_WAIT_MS;
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    if (flying.remove(p.id()) != null) {
                        queue.addFirst(p); // refused now: first again, once there is room
                    }
                    try {
                        wait(wait);
                    } catch (InterruptedException again) {
                        return;
                    }
                }
                wait = Math.min(wait * 2, LAST_WAIT_MS);
            }
        }
    }

    /** Publishes again what was not PUBACKed within the timeout. */
    private void expire() {
        long now = System.nanoTime();
        for (var it = flying.values().iterator(); it.hasNext(); ) {
            Flying f = it.next();
            if (now - f.sentNanos() > timeoutNanos) {
                it.remove();
                again(f.pending(), "no PUBACK within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
            }
        }
    }

    private synchronized void finished(Pending p, String error) {
        if (flying.remove(p.id()) == null) {
            return; // timed out and published again meanwhile: the later publish counts
        }
        if (error == null) {
            delivered.incrementAndGet();
        } else {
            again(p, error);
        }
        notifyAll();
    }

    private void again(Pending p, String why) {
        retried.incrementAndGet();
        LOG.log(p.attempt() == 1 ? Level.WARNING : Level.DEBUG, "{0} for case {1} not delivered ({2}): published again",
                p.ack().status(), p.ack().caseId(), why);
        queue.addLast(new Pending(nextId++, p.gateway(), p.ack(), p.attempt() + 1));
    }

    /** Waits up to {@code within} for the answers queued and in flight to be PUBACKed, then stops. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    void close(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            closing = true;
            notifyAll();
            while (!queue.isEmpty() || !flying.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.log(Level.WARNING, "{0} answers not delivered at close", queue.size() + flying.size());
                    break;
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            completed = true;
            notifyAll();
        }
        thread.interrupt();
    }
}
