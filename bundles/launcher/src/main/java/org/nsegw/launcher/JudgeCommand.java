package org.nsegw.launcher;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.rules.Outcome;
import org.nsegw.api.rules.Verdict;
import org.nsegw.journal.RecordJson;
import org.nsegw.rules.internal.CleanlinessSettings;
import org.nsegw.rules.internal.OverweightSettings;
import org.nsegw.rules.internal.Rules;
import org.nsegw.site.PlannedConfiguration;
import org.nsegw.site.SiteCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nsegw judge}: recorded passages judged again, by the rules of a site file, as the gateway judges them. */
@Command(name = "judge", description = {
    "Judge recorded passages again by the rules of a site file, exactly as the gateway does, and print",
    "one verdict per passage as a JSON line: outcome, enforcement code and every finding with its legal",
    "basis and explanation. The same passages and site file always give the same verdicts, so any",
    "decision can be audited and reproduced later.",
    "Passages come from the gateway's journal (<data>/journal/passages-<day>.jsonl): name files or a",
    "journal folder (every passages-*.jsonl in it, oldest first), or '-' for standard input.",
    "A line that is not a passage is reported with its file and line number and counted; the rest are",
    "still judged. Exit status 0 if every line was judged, 1 if a line or the site file was refused.",
    "Example: nsegw judge --site edge-config/bridge-example.yaml data/journal/"})
final class JudgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--site", required = true, paramLabel = "FILE", description = "the site file whose limits and rules apply")
    Path site;

    @Option(names = "--profiles", paramLabel = "DIR", description = "the device profiles (default: device-profiles/ beside the site file's folder)")
    Path profiles;

    @Option(names = "--set", paramLabel = "TARGET.KEY=VALUE", description = {
        "a setting on top of the site file (repeatable), e.g. --set limits.postedLimitKg=30000 to see what a lower",
        "posted limit would have made of the same traffic"})
    List<String> set = new ArrayList<>();

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "print only verdicts with this outcome: violation, review or compliant")
    String outcome;

    @Parameters(arity = "1..*", paramLabel = "PASSAGES", description = "journal files (JSON lines), journal folders, or '-' for standard input")
    List<String> inputs;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Outcome> only;
        try {
            only = Optional.ofNullable(outcome).map(o -> Outcome.valueOf(o.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            err.println("nsegw judge: --outcome must be violation, review or compliant, not '" + outcome + "'");
            return Nsegw.EXIT_INVALID;
        }
        List<SiteCompiler.Setting> settings;
        try {
            settings = set.stream().map(SiteCompiler.Setting::parse).toList();
        } catch (IllegalArgumentException e) {
            err.println("nsegw judge: " + e.getMessage());
            return Nsegw.EXIT_INVALID;
        }
        List<Input> sources = new ArrayList<>();
        for (String name : inputs) {
            if (!collect(name, sources, err)) {
                return Nsegw.EXIT_INVALID;
            }
        }
        SiteCheck.Result check = SiteCheck.check(Distribution.locate(), site, profiles, settings);
        if (!check.plan().isValid()) {
            check.printProblems(err);
            err.flush();
            return Nsegw.EXIT_FAILURE;
        }
        Rules rules;
        try {
            rules = rules(check);
        } catch (IllegalArgumentException e) {
            err.println(site + ": " + e.getMessage());
            err.flush();
            return Nsegw.EXIT_FAILURE;
        }
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        long refused = 0;
        for (Input source : sources) {
            try (InputStream in = new BufferedInputStream(source.open())) {
                long lineNo = 0;
                for (byte[] bytes = nextLine(in); bytes != null; bytes = nextLine(in)) {
                    lineNo++;
                    Passage passage;
                    try {
                        String line = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
                        if (line.isBlank()) {
                            continue;
                        }
                        passage = RecordJson.passage(line);
                    } catch (CharacterCodingException e) {
                        refused++;
                        err.println(source.name() + ":" + lineNo + ": not UTF-8 text");
                        continue;
                    } catch (IllegalArgumentException e) {
                        refused++;
                        err.println(source.name() + ":" + lineNo + ": " + e.getMessage());
                        continue;
                    }
                    Verdict verdict = rules.judge(passage);
                    counts.merge(verdict.outcome(), 1L, Long::sum);
                    if (only.isEmpty() || only.get() == verdict.outcome()) {
                        out.println(RecordJson.verdict(verdict));
                    }
                }
            } catch (IOException e) {
                refused++;
                err.println(source.name() + ": cannot read: " + e.getMessage());
            }
        }
        out.flush();
        long judged = counts.values().stream().mapToLong(Long::longValue).sum();
        err.printf(Locale.ROOT, "Judged %d passage%s by %s: %d violation%s, %d for review, %d compliant%s%n", judged,
                judged == 1 ? "" : "s", site, counts.getOrDefault(Outcome.VIOLATION, 0L),
                counts.getOrDefault(Outcome.VIOLATION, 0L) == 1 ? "" : "s", counts.getOrDefault(Outcome.REVIEW, 0L),
                counts.getOrDefault(Outcome.COMPLIANT, 0L),
                refused == 0 ? "" : "; " + refused + " line" + (refused == 1 ? "" : "s") + " refused (above)");
        err.flush();
        return refused == 0 ? Nsegw.EXIT_OK : Nsegw.EXIT_FAILURE;
    }

    /** The rules of the site file, with the settings the gateway's components would get. */
    static Rules rules(SiteCheck.Result check) {
        Optional<PlannedConfiguration> overweight = configuration(check, SiteCompiler.OVERWEIGHT_PID);
        Optional<PlannedConfiguration> cleanliness = configuration(check, SiteCompiler.CLEANLINESS_PID);
        if (overweight.isEmpty() && cleanliness.isEmpty()) {
            throw new IllegalArgumentException("the site file has neither 'limits' nor 'cleanliness': there are no rules to judge by");
        }
        OverweightSettings ow;
        try {
            ow = overweight.map(c -> OverweightSettings.fromProperties(c.properties())).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("limits: " + e.getMessage(), e);
        }
        CleanlinessSettings cl;
        try {
            cl = cleanliness.map(c -> CleanlinessSettings.fromProperties(c.properties())).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cleanliness: " + e.getMessage(), e);
        }
        return new Rules(ow, cl, check.zone()); // the site's zone, as the running gateway judges in it
    }

    private static Optional<PlannedConfiguration> configuration(SiteCheck.Result check, String pid) {
        return check.plan().configurations().stream().filter(c -> c.pid().equals(pid)).findFirst();
    }

    /** Adds the input a name stands for; false (with a message) when it names nothing readable. */
    private static boolean collect(String name, List<Input> sources, PrintWriter err) throws IOException {
        if (name.equals("-")) {
            sources.add(new Input("<standard input>", null));
            return true;
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(p -> p.getFileName().toString().matches("passages-.*\\.jsonl")).sorted().toList();
            }
            if (files.isEmpty()) {
                err.println("nsegw judge: " + name + " holds no passages-*.jsonl journal file");
                return false;
            }
            files.forEach(f -> sources.add(new Input(f.toString(), f)));
            return true;
        }
        if (!Files.isRegularFile(path)) {
            err.println("nsegw judge: " + name + " is neither a file nor a folder");
            return false;
        }
        sources.add(new Input(name, path));
        return true;
    }

    /** The bytes of the next line without its line break, or null at the end: decoded line by line, so a bad line stays one line. */
    private static byte[] nextLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return n == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, n);
    }

    /** Where passages are read from: a file, or standard input when {@code path} is null. */
    private record Input(String name, Path path) {

        InputStream open() throws IOException {
            return path == null ? System.in : Files.newInputStream(path);
        }
    }
}
