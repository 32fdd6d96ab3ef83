package org.nsegw.evidence.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.nsegw.evidence.internal.content.ClockState;
import org.nsegw.evidence.internal.content.Sample;

/**
 * Run by {@link CheckpointTest} in a process of its own, killed with SIGKILL: the evidence component on the data
 * directory {@code args[0]} (media written already), checkpoints every 3 packets, packing violations without end and
 * printing each chain head as it moves.
 */
public final class CheckpointWriter {

    private CheckpointWriter() {
    }

    public static void main(String[] args) throws Exception {
        List<String> log = new ArrayList<>();
        Evidence evidence = new Evidence(Path.of(args[0]), EvidenceSettings.defaults().withCheckpoints(3,
                java.time.Duration.ofMinutes(15)), Sample.GATEWAY, Sample.ZONE, Rig.logger(log), Clock.systemUTC(),
                () -> new ClockState("system clock", "synchronized"));
        Sample sample = new Sample();
        long printed = 0;
        while (true) {
            evidence.verdict(sample.violation());
            long head;
            while ((head = evidence.head().sequence()) == printed) {
                Thread.onSpinWait();
            }
            printed = head;
            System.out.println(head);
            System.out.flush();
        }
    }
}
