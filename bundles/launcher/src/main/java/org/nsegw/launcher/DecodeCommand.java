package org.nsegw.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsegw.api.weigh.Axle;
import org.nsegw.site.SiteCompiler;
import org.nsegw.weigh.internal.Pipelines;
import org.nsegw.weigh.internal.Props;
import org.nsegw.weigh.internal.codec.Codec;
import org.nsegw.weigh.internal.codec.Decoded;
import org.nsegw.weigh.internal.codec.Rejection;
import org.nsegw.weigh.internal.codec.ScaleReading;
import org.nsegw.weigh.internal.codec.VehicleRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nsegw decode}: what a captured device stream holds, as the gateway reads it. */
@Command(name = "decode", description = {
    "Decode a captured byte stream of a weigh device with a device profile, as the gateway would.",
    "Prints every reading or vehicle record as a JSON line (with the raw bytes in hex), every rejected",
    "frame with its reason, and a count at the end. Exit status 0 if nothing was rejected, 1 otherwise."})
final class DecodeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", required = true, paramLabel = "ID", description = "the device profile, e.g. weigh/toledo-continuous")
    String profile;

    @Option(names = "--profiles", paramLabel = "DIR", description = "the device profiles (default: device-profiles/ of the installation)")
    Path profiles;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a profile setting, e.g. --set modbus.unit=3 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--values-only", description = "print only the decoded values, not the rejections")
    boolean valuesOnly;

    @Parameters(paramLabel = "FILE", description = "the capture: the bytes as the device sent them ('-' for standard input)")
    String file;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Distribution dist = Distribution.locate();
        SiteCompiler.ProfileSettings settings = SiteCheck.profileSettings(dist, profiles, profile);
        if (!settings.problems().isEmpty()) {
            settings.problems().forEach(err::println);
            return Nsegw.EXIT_INVALID;
        }
        if (!settings.pid().equals(SiteCompiler.DEVICE_PIDS.get(org.nsegw.api.device.DeviceKind.WEIGH_SENSOR))) {
            err.println("decode reads weigh devices; " + profile + " is not a weigh profile");
            return Nsegw.EXIT_INVALID;
        }
        Map<String, Object> values = new LinkedHashMap<>(settings.properties());
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                err.println("--set " + o + ": write KEY=VALUE");
                return Nsegw.EXIT_INVALID;
            }
            values.put(o.substring(0, eq).strip(), o.substring(eq + 1).strip());
        }
        Codec<?> codec;
        try {
            codec = Pipelines.codec(new Props(values));
        } catch (IllegalArgumentException e) {
            err.println(profile + ": " + e.getMessage());
            return Nsegw.EXIT_INVALID;
        }
        byte[] bytes;
        try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return Nsegw.EXIT_INVALID;
        }
        List<Decoded<?>> decoded = new ArrayList<>(codec.feed(bytes));
        decoded.addAll(codec.timeout()); // the end of the capture ends an incomplete frame
        int accepted = 0;
        Map<Rejection, Integer> rejected = new EnumMap<>(Rejection.class);
        for (Decoded<?> d : decoded) {
            if (d instanceof Decoded.Rejected<?> r) {
                rejected.merge(r.reason(), 1, Integer::sum);
                if (!valuesOnly) {
                    out.println(rejection(r));
                }
            } else {
                accepted++;
                out.println(value((Decoded.Value<?>) d));
            }
        }
        out.flush();
        err.printf("%s: %d bytes, %d %s, %d rejected%s%n", file, bytes.length, accepted,
                codec.valueType() == VehicleRecord.class ? "vehicle records" : "readings",
                rejected.values().stream().mapToInt(Integer::intValue).sum(), rejected.isEmpty() ? "" : " " + rejected);
        err.flush();
        return rejected.isEmpty() ? Nsegw.EXIT_OK : Nsegw.EXIT_FAILURE;
    }

    static ObjectNode value(Decoded.Value<?> v) {
        ObjectNode n = JSON.createObjectNode();
        if (v.value() instanceof ScaleReading r) {
            n.put("type", "reading");
            n.put("weight", r.weight().toPlainString());
            n.put("unit", r.unit().name().toLowerCase());
            if (r.tare() != null) {
                n.put("tare", r.tare().toPlainString());
            }
            ArrayNode flags = n.putArray("flags");
            r.flags().forEach(f -> flags.add(f.name()));
        } else if (v.value() instanceof VehicleRecord r) {
            n.put("type", "vehicle");
            if (r.time() != null) {
                n.put("time", r.time().toString());
            }
            n.put("lane", r.lane());
            n.put("speedKmh", r.speedKmh());
            n.put("grossKg", r.grossWeightKg());
            ArrayNode axles = n.putArray("axles");
            for (Axle a : r.axles()) {
                axles.addObject().put("loadKg", a.loadKg()).put("spacingMm", a.spacingToPreviousMm());
            }
            ArrayNode flags = n.putArray("flags");
            r.flags().forEach(f -> flags.add(f.name()));
            ObjectNode extra = n.putObject("extra");
            r.extra().forEach(extra::put);
        } else {
            n.put("type", "value");
            n.put("value", v.value().toString());
        }
        n.put("raw", HexFormat.of().formatHex(v.raw()));
        return n;
    }

    static ObjectNode rejection(Decoded.Rejected<?> r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "rejected");
        n.put("reason", r.reason().name().toLowerCase());
        n.put("detail", r.detail());
        n.put("raw", HexFormat.of().formatHex(r.raw()));
        return n;
    }
}
