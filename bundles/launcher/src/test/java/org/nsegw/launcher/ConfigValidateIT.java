package org.nsegw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nsegw config validate} against the metatype of the built bundles and the shipped device profiles. */
class ConfigValidateIT {

    static final String FIVE_MISTAKES = "bundles/launcher/src/test/resources/sites/five-mistakes.yaml";

    @TempDir
    Path tmp;

    record Result(int exit, String out) {
        List<String> problemLines() {
            return out.lines().filter(l -> l.matches("[^:]+:\\d+:\\d+: .*")).toList();
        }
    }

    static Result validate(String... files) {
        StringWriter out = new StringWriter();
        CommandLine cli = Nsegw.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        String[] args = new String[files.length + 2];
        args[0] = "config";
        args[1] = "validate";
        System.arraycopy(files, 0, args, 2, files.length);
        return new Result(cli.execute(args), out.toString());
    }

    static String home(String relative) {
        return GatewayProcess.HOME.resolve(relative).toString();
    }

    @Test
    void theExamplesAreValid() {
        Result r = validate(home("edge-config/bridge-example.yaml"), home("edge-config/site-example.yaml"));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("bridge-example.yaml: valid: gateway hz-bridge-demo-gw1, 4 lanes, 12 devices, 24 configurations",
                "site-example.yaml: valid: gateway yh-site-demo-gw1, 1 lanes, 3 devices, 10 configurations");
    }

    @Test
    void fiveMistakesGiveFiveClearMessages() {
        Result r = validate(home(FIVE_MISTAKES));
        assertThat(r.exit()).isNotZero();
        List<String> problems = r.problemLines();
        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).endsWith("five-mistakes.yaml:11:9: duplicate lane id 'L2' (first defined at line 10)");
        assertThat(problems.get(1)).endsWith(":19:13: device 'wim-L1': serial.baud must be a whole number, not 'fast'");
        assertThat(problems.get(2)).contains(":21:14: device 'anpr-L1-front': profile 'anpr/hikvison-isapi' not found in",
                "available: anpr/dahua-itsapi, anpr/hikvision-isapi", "(did you mean 'anpr/hikvision-isapi'?)");
        assertThat(problems.get(3)).endsWith(":27:3: limits: unknown key 'postedLimtKg'; allowed here: postedLimitKg, "
                + "laneLimitsKg, tolerancePercent, plateReadsForCase, enforcementCode (did you mean 'postedLimitKg'?)");
        assertThat(problems.get(4)).endsWith(":28:21: limits: tolerancePercent is 55, out of range; allowed from -1 to 20");
        assertThat(r.out()).contains("5 problems in");
    }

    @Test
    void showPrintsTheConfigurationsWithSecretsHidden() throws Exception {
        Path site = tmp.resolve("secret.yaml");
        String text = Files.readString(Path.of(home("edge-config/site-example.yaml")))
                .replace("  username: yh-site-demo-gw1", "  username: yh-site-demo-gw1\n  password: s3cr3t-Pa55");
        Files.writeString(site, text);
        StringWriter out = new StringWriter();
        CommandLine cli = Nsegw.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("config", "validate", "--show", "--profiles", home("device-profiles"), site.toString());
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("org.nsegw.uplink {", "password=********", "org.nsegw.weigh.sensor~scale-exit {",
                "serial.baud=9600").doesNotContain("s3cr3t-Pa55");
    }

    @Test
    void aMissingFileIsAProblemNotACrash() {
        Result r = validate(tmp.resolve("nope.yaml").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).contains("nope.yaml: cannot read: no such file");
    }

    @Test
    void theKeyReferenceInTheDocsMatchesTheComponents() throws Exception {
        Path doc = GatewayProcess.HOME.resolve("docs/site-config.md");
        String text = Files.readString(doc);
        String generated = ConfigReference.markdown(org.nsegw.site.SiteCompiler.index(Distribution.locate().schemas()));
        assertThat(ConfigReference.splice(text, generated))
                .as("docs/site-config.md is out of date: run ./nsegw config reference --update docs/site-config.md")
                .isEqualTo(text);
        assertThat(generated).contains("### `gateway`", "### devices: kind `weigh`", "| `serial.baud` | integer | `9600` | 300 to 921600 |");
    }

    @Test
    void theSiteTestsCheckAgainstTheMetatypeTheBundlesReallyHave() throws Exception {
        // bundles/site tests use copies of the metatype (the site bundle builds before the others); they must not drift.
        var real = org.nsegw.site.SiteCompiler.index(Distribution.locate().schemas());
        Path copies = GatewayProcess.HOME.resolve("bundles/site/src/test/resources/metatype");
        List<Path> files;
        try (var list = Files.list(copies)) {
            files = list.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            try (var in = Files.newInputStream(file)) {
                for (org.nsegw.site.ConfigSchema copy : org.nsegw.site.MetatypeXml.read(in, file.toString())) {
                    assertThat(copy).as(file + " is out of date: copy it again from the bundle's OSGI-INF/metatype")
                            .isEqualTo(real.get(copy.pid()));
                }
            }
        }
    }
}
