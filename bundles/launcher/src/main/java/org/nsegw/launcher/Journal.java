package org.nsegw.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.nsegw.api.rules.Verdict;
import org.nsegw.journal.RecordJson;
import org.nsegw.rules.internal.Rules;

/** A gateway's journal as the demo reads it after the run: what passed, what was decided, and whether a replay agrees. */
final class Journal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Journal() {
    }

    /**
     * @param passages   passages in the journal
     * @param verdicts   verdicts in the journal
     * @param violations verdicts that are violations
     * @param review     verdicts for review
     * @param compliant  compliant verdicts
     * @param differ     passages whose verdict, judged again now by the same rules, is not the recorded one (or which
     *                   have no recorded verdict)
     */
    record Tally(long passages, long verdicts, long violations, long review, long compliant, long differ) {
    }

    /**
     * How far fusion and the rules have come, from the journal while the gateway runs.
     *
     * @param passages        passages in the journal
     * @param weighedPassages passages with a weigh record
     * @param plateReads      distinct plate reads (by event id) in the passages
     * @param verdicts        verdicts in the journal
     */
    record Progress(long passages, long weighedPassages, long plateReads, long verdicts) {
    }

    /** The journal's passages and verdicts counted; a line being written at this moment is left out. */
    static Progress progress(Path data) {
        long weighed = 0;
        java.util.Set<String> reads = new java.util.HashSet<>();
        List<String> passages = lines(data, "passages");
        long whole = 0;
        for (String line : passages) {
            try {
                var node = JSON.readTree(line);
                weighed += node.path("weigh").isObject() ? 1 : 0;
                node.path("plates").forEach(p -> reads.add(p.path("eventId").asText()));
                whole++;
            } catch (IOException e) {
                // the last line, half written
            }
        }
        return new Progress(whole, weighed, reads.size(), lines(data, "verdicts").size());
    }

    /** Every line of the journal files {@code <prefix>-<day>.jsonl} in a data directory, oldest day first. */
    static List<String> lines(Path data, String prefix) {
        Path dir = data.resolve("journal");
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches(prefix + "-.*\\.jsonl")).sorted().toList()) {
                Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        } catch (IOException e) {
            // being written at this moment; the caller looks again
        }
        return lines;
    }

    /**
     * The cleanliness findings of the journal's verdicts.
     *
     * @param cases   verdicts with at least one finding of a cleanliness kind
     * @param byKind  verdicts with a finding of each kind ({@code MUDDY_VEHICLE}, {@code UNCOVERED_LOAD}, {@code DIRTY_ROAD})
     */
    record Cleanliness(long cases, Map<String, Long> byKind) {

        static final List<String> KINDS = List.of("MUDDY_VEHICLE", "UNCOVERED_LOAD", "DIRTY_ROAD");

        long of(String kind) {
            return byKind.getOrDefault(kind, 0L);
        }
    }

    static Cleanliness cleanliness(Path data) {
        long cases = 0;
        Map<String, Long> byKind = new java.util.LinkedHashMap<>();
        for (String line : lines(data, "verdicts")) {
            java.util.Set<String> kinds = new java.util.LinkedHashSet<>();
            try {
                JSON.readTree(line).path("findings").forEach(f -> {
                    if (Cleanliness.KINDS.contains(f.path("code").asText())) {
                        kinds.add(f.path("code").asText());
                    }
                });
            } catch (IOException e) {
                continue;
            }
            cases += kinds.isEmpty() ? 0 : 1;
            kinds.forEach(k -> byKind.merge(k, 1L, Long::sum));
        }
        return new Cleanliness(cases, byKind);
    }

    /** Reads the journal and judges every passage again with {@code rules}, as {@code nsegw judge} does. */
    static Tally tally(Path data, Rules rules) {
        Map<String, String> recorded = new HashMap<>();
        long violations = 0;
        long review = 0;
        long compliant = 0;
        List<String> verdicts = lines(data, "verdicts");
        for (String line : verdicts) {
            String outcome;
            try {
                var node = JSON.readTree(line);
                recorded.put(node.path("passage").asText(), line);
                outcome = node.path("outcome").asText();
            } catch (IOException e) {
                continue; // counted as a verdict that differs below
            }
            switch (outcome) {
                case "VIOLATION" -> violations++;
                case "REVIEW" -> review++;
                default -> compliant++;
            }
        }
        List<String> passages = lines(data, "passages");
        long differ = 0;
        for (String line : passages) {
            Verdict again = rules.judge(RecordJson.passage(line));
            if (!Objects.equals(recorded.get(again.passage().id()), RecordJson.verdict(again))) {
                differ++;
            }
        }
        return new Tally(passages.size(), verdicts.size(), violations, review, compliant, differ);
    }
}
