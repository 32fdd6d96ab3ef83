package org.nsegw.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nsegw.site.PlannedConfiguration;
import org.nsegw.site.SiteCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nsegw config ...}: working with site files. */
@Command(name = "config", description = "Work with site files.", subcommands = {ConfigCommand.Validate.class, ConfigCommand.Reference.class})
final class ConfigCommand {

    /** {@code nsegw config validate FILE...}. */
    @Command(name = "validate", description = {
        "Check site files against the components' metatype and the device profiles they name.",
        "Prints every problem as FILE:LINE:COLUMN: what is wrong and what is allowed. Exit status 0 only if all are valid."})
    static final class Validate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "site files, e.g. edge-config/bridge-example.yaml")
        List<Path> files;

        @Option(names = "--profiles", paramLabel = "DIR", description = "the device profiles (default: device-profiles/ beside the site file's folder)")
        Path profiles;

        @Option(names = "--show", description = "also print the configurations each valid file gives (secrets hidden)")
        boolean show;

        @Option(names = "--set", paramLabel = "TARGET.KEY=VALUE", description = "a setting on top of the files (repeatable)")
        List<String> set = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Distribution dist = Distribution.locate();
            boolean allValid = true;
            for (Path file : files) {
                SiteCheck.Result result = SiteCheck.check(dist, file, profiles,
                        set.stream().map(SiteCompiler.Setting::parse).toList());
                if (!result.plan().isValid()) {
                    allValid = false;
                    result.printProblems(out);
                    continue;
                }
                out.printf("%s: valid: gateway %s, %d lanes, %d devices, %d configurations (profiles from %s)%n", file,
                        result.plan().gatewayId(), result.count(SiteCompiler.LANE_PID), result.devices(),
                        result.plan().configurations().size(), result.profileDir());
                if (show) {
                    for (PlannedConfiguration c : result.plan().configurations()) {
                        out.println("  " + c.describe(result.compiler().secretIds(c.pid())));
                    }
                }
            }
            return allValid ? Nsegw.EXIT_OK : Nsegw.EXIT_FAILURE;
        }
    }

    /** {@code nsegw config reference}. */
    @Command(name = "reference", description = "Print every key a site file may have, from the components' metatype, in Markdown.")
    static final class Reference implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--update", paramLabel = "FILE",
                description = "replace the reference between the markers in FILE (docs/site-config.md) instead of printing it")
        Path update;

        @Override
        public Integer call() throws Exception {
            String reference = ConfigReference.markdown(SiteCompiler.index(Distribution.locate().schemas()));
            if (update != null) {
                java.nio.file.Files.writeString(update, ConfigReference.splice(java.nio.file.Files.readString(update), reference));
                spec.commandLine().getOut().println("Updated the reference in " + update);
            } else {
                spec.commandLine().getOut().print(reference);
            }
            spec.commandLine().getOut().flush();
            return Nsegw.EXIT_OK;
        }
    }
}
