package org.nsegw.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nsegw.anpr.internal.plate.NormalizedPlate;
import org.nsegw.anpr.internal.plate.PlateNormalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nsegw plate}: what the gateway makes of a camera's plate text. */
@Command(name = "plate", description = {
    "Normalise and check plate texts as the gateway does with what cameras send (GA 36 rules).",
    "Prints one JSON line per text: the plate, its kind and colour, what normalisation did, or why the",
    "text is unreadable. Exit status 0 if every text is a valid plate, 1 otherwise.",
    "Example: nsegw plate 蓝浙A12345 '浙Ａ·D1234５' --color yellow 浙B1234挂"})
final class PlateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--color", paramLabel = "WORD", description = "the camera's plate colour field for every text, e.g. blue, 黄色")
    String color;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "plate texts as a camera sends them; none: one per line from standard input")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> input = texts;
        if (input.isEmpty()) {
            input = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                input.add(line);
            }
        }
        boolean allValid = true;
        for (String text : input) {
            NormalizedPlate p = PlateNormalizer.normalize(text, color);
            allValid &= p.isReadable();
            ObjectNode o = JSON.createObjectNode();
            o.put("input", text);
            o.put("valid", p.isReadable());
            o.put("plate", p.plate());
            o.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
            o.put("color", p.color().name().toLowerCase(Locale.ROOT));
            if (!p.isReadable()) {
                o.put("reason", p.unreadableReason());
            }
            o.putPOJO("notes", p.notes());
            out.println(JSON.writeValueAsString(o));
        }
        out.flush();
        return allValid ? Nsegw.EXIT_OK : Nsegw.EXIT_FAILURE;
    }
}
