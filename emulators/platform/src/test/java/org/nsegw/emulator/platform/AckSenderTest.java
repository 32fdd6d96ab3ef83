package org.nsegw.emulator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The receiver's answers are never dropped: a publish that fails, is refused by the client or is not PUBACKed in time is
 * published again. The client here is a script of what Paho does (calls back at the PUBACK, at a failure, or never;
 * refuses when too many are in flight); PlatformReceiverTest runs the sender with the real client and broker.
 */
class AckSenderTest {

    private record Attempt(String gateway, Acknowledgement ack, AckSender.Done done) {
    }

    private final BlockingQueue<Attempt> attempts = new LinkedBlockingQueue<>();

    private Attempt next() throws InterruptedException {
        Attempt a = attempts.poll(10, TimeUnit.SECONDS);
        assertThat(a).as("a publish").isNotNull();
        return a;
    }

    @Test
    void aVerifiedWhosePublishFailsIsPublishedAgain() throws Exception {
        AckSender sender = new AckSender((g, ack, done) -> attempts.add(new Attempt(g, ack, done)), Duration.ofMinutes(1), "t");
        sender.send("gw1", Acknowledgement.verified("C1", "abc"));
        Attempt first = next();
        assertThat(first.ack().caseId()).isEqualTo("C1");
        first.done().done("Connection lost (32109)");
        Attempt second = next();
        assertThat(second.ack().caseId()).isEqualTo("C1");
        assertThat(second.ack().status().name()).isEqualTo("VERIFIED");
        assertThat(second.gateway()).isEqualTo("gw1");
        second.done().done(null);
        sender.close();
        assertThat(sender.delivered()).isEqualTo(1);
        assertThat(sender.retried()).isEqualTo(1);
        assertThat(sender.unfinished()).isZero();
    }

    @Test
    void aVerifiedWithoutPubackInTimeIsPublishedAgainAndTheLateAnswerOfTheFirstIsIgnored() throws Exception {
        AckSender sender = new AckSender((g, ack, done) -> attempts.add(new Attempt(g, ack, done)), Duration.ofMillis(200), "t");
        sender.send("gw1", Acknowledgement.verified("C2", "abc"));
        Attempt lost = next(); // never PUBACKed in time
        Attempt again = next();
        assertThat(again.ack().caseId()).isEqualTo("C2");
        again.done().done(null);
        lost.done().done(null); // the first one's PUBACK after all: not counted twice, not sent again
        sender.close();
        assertThat(attempts).isEmpty();
        assertThat(sender.delivered()).isEqualTo(1);
        assertThat(sender.retried()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void answersTheClientRefusesWaitForRoomAndKeepTheirOrder() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AckSender sender = new AckSender((g, ack, done) -> {
            if (inFlight.get() >= 2) {
                throw new IOException("Too many publishes in progress (32202)");
            }
            inFlight.incrementAndGet();
            attempts.add(new Attempt(g, ack, error -> {
                inFlight.decrementAndGet();
                done.done(error);
            }));
        }, Duration.ofMinutes(1), "t");
        for (int i = 0; i < 5; i++) {
            sender.send("gw1", Acknowledgement.verified("C" + i, "abc"));
        }
        for (int i = 0; i < 5; i++) {
            Attempt a = next();
            assertThat(a.ack().caseId()).isEqualTo("C" + i);
            a.done().done(null);
        }
        sender.close();
        assertThat(sender.delivered()).isEqualTo(5);
        assertThat(sender.retried()).isZero();
    }

    @Test
    void closeWaitsForTheAnswersInFlight() throws Exception {
        AckSender sender = new AckSender((g, ack, done) -> attempts.add(new Attempt(g, ack, done)), Duration.ofMinutes(1), "t");
        sender.send("gw1", Acknowledgement.verified("C3", "abc"));
        Attempt a = next();
        Thread puback = new Thread(() -> a.done().done(null));
        assertThat(sender.unfinished()).isEqualTo(1);
        puback.start();
        sender.close();
        puback.join();
        assertThat(sender.delivered()).isEqualTo(1);
    }
}
