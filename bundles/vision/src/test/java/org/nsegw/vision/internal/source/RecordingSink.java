package org.nsegw.vision.internal.source;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A sink that keeps what it is given, for tests, and waits (polling with a deadline) for it. */
final class RecordingSink implements FrameSink {

    record Problem(SourceProblem problem, String detail) {
    }

    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final List<Problem> problems = new CopyOnWriteArrayList<>();

    @Override
    public void frame(Frame frame) {
        frames.add(frame);
    }

    @Override
    public void problem(SourceProblem problem, String detail) {
        problems.add(new Problem(problem, detail));
    }

    boolean has(SourceProblem p) {
        return problems.stream().anyMatch(q -> q.problem() == p);
    }

    String detail(SourceProblem p) {
        return problems.stream().filter(q -> q.problem() == p).map(Problem::detail).findFirst().orElse("");
    }

    static void await(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5); // polling interval of the wait, not a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
