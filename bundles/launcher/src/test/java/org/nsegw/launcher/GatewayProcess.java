package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The built distribution's {@code nsegw} command in a process of its own, as an installer runs it. Its output goes to
 * a file that tests poll with a deadline.
 */
final class GatewayProcess implements AutoCloseable {

    static final Path DIST = Path.of(System.getProperty("nsegw.dist", "target/nsegw"));
    static final Path HOME = Path.of(System.getProperty("nsegw.home", "../.."));

    private final Process process;
    private final Path output;

    private GatewayProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code nsegw ARGS} with the home folder as working directory. */
    static GatewayProcess start(Path outputFile, String... args) throws IOException {
        List<String> command = new Distribution(DIST.toAbsolutePath(), HOME.toAbsolutePath()).command(args);
        Files.createDirectories(outputFile.getParent());
        Process p = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(outputFile.toFile()).start();
        return new GatewayProcess(p, outputFile);
    }

    /** Runs {@code nsegw ARGS} to the end and returns its exit status; the output is then in {@code outputFile}. */
    static int run(Path outputFile, Duration timeout, String... args) throws Exception {
        try (GatewayProcess p = start(outputFile, args)) {
            return p.waitFor(timeout);
        }
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    void awaitOutput(String text, Duration timeout) throws InterruptedException {
        await(timeout, () -> output().contains(text) || !process.isAlive());
        assertThat(output()).as("output of the gateway process").contains(text);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as systemd or {@code kill} sends it. */
    void terminate() {
        process.destroy();
    }

    int waitFor(Duration timeout) throws InterruptedException {
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ended).as("the process ended within " + timeout + "; output:%n%s", output()).isTrue();
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** Polls until the condition holds or the deadline passes; the caller asserts afterwards. */
    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
    }
}
