package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.site.Yaml.YScalar;

class DeviceProfilesTest {

    private static final String WEIGH = "kind: weigh\nvendor: ACME\nmodel: Scale 1\ndescription: a scale\nprotocol: xk3190\n";

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static DeviceProfile parse(String id, String text) {
        return DeviceProfiles.of("test", Map.of(id, text), Map.of()).find(id).orElseThrow();
    }

    private static List<String> problemsOf(String id, String text) {
        return parse(id, text).problems().stream().map(Problem::toString).toList();
    }

    @Nested
    class Loading {

        @Test
        void readsYamlAndYmlFilesOfEveryKindFolder() throws IOException {
            write("weigh/scale.yaml", WEIGH);
            write("anpr/cam.yml", "kind: anpr\nvendor: V\nmodel: M\n");
            write("camera/outdoor/snap.yaml", "kind: camera\nvendor: V\nmodel: M\n");
            write("camera/readme.txt", "not a profile");
            write("weigh/scale.yaml.orig", "not a profile");
            Files.createDirectories(dir.resolve("weigh/folder.yaml"));

            DeviceProfiles profiles = DeviceProfiles.load(dir);
            assertThat(profiles.ids()).containsExactly("anpr/cam", "camera/outdoor/snap", "weigh/scale");
            assertThat(profiles.source()).isEqualTo(dir.toString());
            assertThat(profiles.all()).allSatisfy(p -> assertThat(p.problems()).isEmpty());
            assertThat(profiles.idsOfKind(DeviceKind.SITE_CAMERA)).containsExactly("camera/outdoor/snap");
            assertThat(profiles.idsOfKind(DeviceKind.ANPR_CAMERA)).containsExactly("anpr/cam");
            assertThat(profiles.idsOfKind(DeviceKind.WEIGH_SENSOR)).containsExactly("weigh/scale");
            assertThat(profiles.find("weigh/scale.yaml")).isEmpty();
        }

        @Test
        void locationsNameTheFileOnDisk() throws IOException {
            Path file = write("weigh/scale.yaml", "kind: weigh\nvendor: [a]\nmodel: M\n");
            DeviceProfile p = DeviceProfiles.load(dir).find("weigh/scale").orElseThrow();
            assertThat(p.problems()).extracting(Problem::toString)
                    .containsExactly(file + ":2:9: 'vendor' must be text, not a list");
        }

        @Test
        void aMissingDirectoryHasNoProfiles() throws IOException {
            DeviceProfiles profiles = DeviceProfiles.load(dir.resolve("missing"));
            assertThat(profiles.ids()).isEmpty();
            assertThat(profiles.all()).isEmpty();
        }

        @Test
        void aFileThatIsNotUtf8IsRefusedWithItsName() throws IOException {
            write("weigh/good.yaml", WEIGH);
            Path bad = dir.resolve("weigh/latin1.yaml");
            Files.write(bad, "kind: weigh\nvendor: Gr\u00fcn\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> DeviceProfiles.load(dir))
                    .isInstanceOf(IOException.class)
                    .hasMessage(bad + " is not UTF-8 text; save it as UTF-8");
        }

        @Test
        void utf8TextIsReadAsIs() throws IOException {
            write("weigh/cn.yaml", "kind: weigh\nvendor: 耀华\nmodel: XK3190-A9\n");
            DeviceProfile p = DeviceProfiles.load(dir).find("weigh/cn").orElseThrow();
            assertThat(p.displayName()).isEqualTo("耀华 XK3190-A9");
        }

        @Test
        void theRealProfilesAreUsable() {
            DeviceProfiles real = Fixtures.realProfiles();
            assertThat(real.ids()).contains("anpr/dahua-itsapi", "anpr/hikvision-isapi", "camera/hikvision-snapshot",
                    "weigh/modbus-loadcell-transmitter", "weigh/raw-wim-quartz", "weigh/sma-scp0499", "weigh/toledo-continuous",
                    "weigh/wim-record-generic", "weigh/xk3190");
            assertThat(real.all()).allSatisfy(p -> {
                assertThat(p.problems()).as(p.id()).isEmpty();
                assertThat(p.isUsable()).isTrue();
                assertThat(p.description()).isNotBlank();
            });
            DeviceProfile toledo = real.find("weigh/toledo-continuous").orElseThrow();
            assertThat(toledo.kind()).isEqualTo(DeviceKind.WEIGH_SENSOR);
            assertThat(toledo.vendor()).isEqualTo("Mettler Toledo");
            assertThat(toledo.model()).isEqualTo("terminal, continuous output");
            assertThat(toledo.displayName()).isEqualTo("Mettler Toledo terminal, continuous output");
            assertThat(toledo.settings().entries()).extracting(e -> e.key().text())
                    .containsExactly("protocol", "serial", "accuracyClass", "units", "timeoutSeconds");
        }
    }

    @Nested
    class Parsing {

        @Test
        void descriptiveKeysAreNotSettings() {
            DeviceProfile p = parse("weigh/scale", WEIGH);
            assertThat(p.id()).isEqualTo("weigh/scale");
            assertThat(p.kind()).isEqualTo(DeviceKind.WEIGH_SENSOR);
            assertThat(p.vendor()).isEqualTo("ACME");
            assertThat(p.model()).isEqualTo("Scale 1");
            assertThat(p.description()).isEqualTo("a scale");
            assertThat(p.settings().entries()).singleElement().satisfies(e -> {
                assertThat(e.key().text()).isEqualTo("protocol");
                assertThat(((YScalar) e.value()).text()).isEqualTo("xk3190");
            });
            assertThat(p.isUsable()).isTrue();
        }

        @Test
        void theDescriptionIsOptional() {
            DeviceProfile p = parse("weigh/scale", "kind: weigh\nvendor: V\nmodel: M\n");
            assertThat(p.problems()).isEmpty();
            assertThat(p.description()).isEmpty();
        }

        @Test
        void kindVendorAndModelAreRequired() {
            assertThat(problemsOf("weigh/x", "protocol: xk3190\n")).containsExactly(
                    "weigh/x.yaml:1:1: missing required key 'kind' in device profile",
                    "weigh/x.yaml:1:1: missing required key 'vendor' in device profile",
                    "weigh/x.yaml:1:1: missing required key 'model' in device profile");
            assertThat(parse("weigh/x", "protocol: xk3190\n").isUsable()).isFalse();
        }

        @Test
        void descriptiveValuesMustBeText() {
            assertThat(problemsOf("weigh/x", "kind: weigh\nvendor: {name: V}\nmodel:\ndescription: [a]\n")).containsExactly(
                    "weigh/x.yaml:2:9: 'vendor' must be text, not a mapping",
                    "weigh/x.yaml:3:7: 'model' must be text, not nothing",
                    "weigh/x.yaml:4:14: 'description' must be text, not a list");
        }

        @Test
        void numbersAreTextAsWritten() {
            DeviceProfile p = parse("weigh/x", "kind: weigh\nvendor: 3M\nmodel: 0755\n");
            assertThat(p.problems()).isEmpty();
            assertThat(p.model()).isEqualTo("0755");
        }

        @Test
        void anUnknownKindListsTheKindsAndSuggestsOne() {
            DeviceProfile p = parse("weigh/x", "kind: weigth\nvendor: V\nmodel: M\n");
            assertThat(p.kind()).isNull();
            assertThat(p.isUsable()).isFalse();
            assertThat(p.problems()).extracting(Problem::toString)
                    .containsExactly("weigh/x.yaml:1:7: kind 'weigth' is not a device kind; allowed: weigh, anpr, camera (did you mean 'weigh'?)");
            assertThat(problemsOf("weigh/x", "kind: WEIGH_SENSOR\nvendor: V\nmodel: M\n")).singleElement().asString()
                    .endsWith("allowed: weigh, anpr, camera");
        }

        @Test
        void aProfileBelongsInTheFolderOfItsKind() {
            assertThat(problemsOf("anpr/x", "kind: weigh\nvendor: V\nmodel: M\n"))
                    .containsExactly("anpr/x.yaml:1:7: a profile of kind 'weigh' belongs in the folder 'weigh/', not in 'anpr/'");
            assertThat(problemsOf("x", "kind: camera\nvendor: V\nmodel: M\n"))
                    .containsExactly("x.yaml:1:7: a profile of kind 'camera' belongs in the folder 'camera/', not in './'");
            assertThat(problemsOf("weighing/x", "kind: weigh\nvendor: V\nmodel: M\n"))
                    .as("the folder is compared whole, not as a prefix")
                    .containsExactly("weighing/x.yaml:1:7: a profile of kind 'weigh' belongs in the folder 'weigh/', not in 'weighing/'");
        }

        @Test
        void aProfileMustBeAMapping() {
            assertThat(problemsOf("weigh/x", "- kind: weigh\n")).startsWith(
                    "weigh/x.yaml: a device profile must be a mapping of keys to values",
                    "weigh/x.yaml: missing required key 'kind' in device profile");
            assertThat(problemsOf("weigh/x", "")).startsWith("weigh/x.yaml: a device profile must be a mapping of keys to values");
        }

        @Test
        void aSyntaxErrorIsKeptWithTheProfile() {
            DeviceProfile p = parse("weigh/x", "kind: weigh\nvendor: [V\n");
            assertThat(p.isUsable()).isFalse();
            assertThat(p.problems().get(0).message()).startsWith("not valid YAML: ");
            assertThat(p.problems().get(0).location().file()).isEqualTo("weigh/x.yaml");
            assertThat(p.problems().get(0).location().line()).isPositive();
        }

        @Test
        void theFileNameForMessagesMayBeGiven() {
            DeviceProfiles profiles = DeviceProfiles.of("src", Map.of("weigh/x", "kind: weigh\n"), Map.of("weigh/x", "/etc/p/weigh/x.yml"));
            assertThat(profiles.find("weigh/x").orElseThrow().problems()).extracting(p -> p.location().file())
                    .containsOnly("/etc/p/weigh/x.yml");
        }

        @Test
        void theProblemsListCannotBeChanged() {
            DeviceProfile p = parse("weigh/x", "kind: weigh\n");
            assertThatThrownBy(() -> p.problems().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
