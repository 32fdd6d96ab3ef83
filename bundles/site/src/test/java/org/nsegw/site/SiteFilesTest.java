package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteFilesTest {

    @TempDir
    Path dir;

    @Nested
    class Reading {

        @Test
        void readsUtf8Text() throws IOException {
            Path file = dir.resolve("site.yaml");
            Files.writeString(file, "gateway:\n  name: 北岸称重点\n");
            assertThat(SiteFiles.read(file)).isEqualTo("gateway:\n  name: 北岸称重点\n");
        }

        @Test
        void aMissingFile() {
            assertThatThrownBy(() -> SiteFiles.read(dir.resolve("missing.yaml")))
                    .isInstanceOf(IOException.class).hasMessage("no such file");
        }

        @Test
        void aDirectory() {
            assertThatThrownBy(() -> SiteFiles.read(dir)).isInstanceOf(IOException.class).hasMessage("not a regular file");
        }

        @Test
        void aFileOfExactlyTheLimitIsRead() throws IOException {
            Path file = dir.resolve("big.yaml");
            byte[] bytes = new byte[(int) SiteFiles.MAX_BYTES];
            Arrays.fill(bytes, (byte) '#');
            Files.write(file, bytes);
            assertThat(SiteFiles.read(file)).hasSize((int) SiteFiles.MAX_BYTES);
        }

        @Test
        void aFileOneByteOverTheLimitIsRefused() throws IOException {
            Path file = dir.resolve("big.yaml");
            byte[] bytes = new byte[(int) SiteFiles.MAX_BYTES + 1];
            Arrays.fill(bytes, (byte) '#');
            Files.write(file, bytes);
            assertThatThrownBy(() -> SiteFiles.read(file))
                    .isInstanceOf(IOException.class)
                    .hasMessage("the file is 1048577 bytes; a site file is at most 1048576 bytes");
        }

        @Test
        void textThatIsNotUtf8IsRefused() throws IOException {
            Path file = dir.resolve("gbk.yaml");
            Files.write(file, "name: 北岸\n".getBytes(java.nio.charset.Charset.forName("GBK")));
            assertThatThrownBy(() -> SiteFiles.read(file))
                    .isInstanceOf(IOException.class)
                    .hasMessage(file + " is not UTF-8 text; save it as UTF-8")
                    .hasCauseInstanceOf(java.nio.charset.CharacterCodingException.class);
        }

        @Test
        void aTruncatedMultiByteCharacterIsRefused() throws IOException {
            Path file = dir.resolve("cut.yaml");
            byte[] full = "a: 北".getBytes(StandardCharsets.UTF_8);
            Files.write(file, Arrays.copyOf(full, full.length - 1));
            assertThatThrownBy(() -> SiteFiles.read(file)).isInstanceOf(IOException.class).hasMessageContaining("not UTF-8");
        }

        @Test
        void aByteOrderMarkIsKeptAndTheYamlReaderSkipsIt() throws IOException {
            Path file = dir.resolve("bom.yaml");
            Files.write(file, "\uFEFFgateway: {}\n".getBytes(StandardCharsets.UTF_8));
            String text = SiteFiles.read(file);
            assertThat(Yaml.parse("bom.yaml", text).problem()).isEmpty();
            assertThat(((Yaml.YMap) Yaml.parse("bom.yaml", text).root().orElseThrow()).get("gateway")).isPresent();
        }
    }

    @Nested
    class ProfilesDir {

        @Test
        void anExplicitDirectoryWins() throws IOException {
            Files.createDirectories(dir.resolve("device-profiles"));
            assertThat(SiteFiles.profilesDir(dir.resolve("edge-config/site.yaml"), "/opt/profiles")).isEqualTo(Path.of("/opt/profiles"));
            assertThat(SiteFiles.profilesDir(dir.resolve("edge-config/site.yaml"), "rel/profiles")).isEqualTo(Path.of("rel/profiles"));
        }

        @Test
        void aBlankExplicitDirectoryIsIgnored() throws IOException {
            Files.createDirectories(dir.resolve("device-profiles"));
            assertThat(SiteFiles.profilesDir(dir.resolve("edge-config/site.yaml"), "  ")).isEqualTo(dir.resolve("device-profiles"));
            assertThat(SiteFiles.profilesDir(dir.resolve("edge-config/site.yaml"), null)).isEqualTo(dir.resolve("device-profiles"));
        }

        @Test
        void theCheckoutLayoutIsPreferred() throws IOException {
            Files.createDirectories(dir.resolve("device-profiles"));
            Files.createDirectories(dir.resolve("edge-config/device-profiles"));
            assertThat(SiteFiles.profilesDir(dir.resolve("edge-config/site.yaml"), null)).isEqualTo(dir.resolve("device-profiles"));
        }

        @Test
        void profilesBesideTheSiteFileAreFound() throws IOException {
            Files.createDirectories(dir.resolve("sites/device-profiles"));
            assertThat(SiteFiles.profilesDir(dir.resolve("sites/site.yaml"), null)).isEqualTo(dir.resolve("sites/device-profiles"));
        }

        @Test
        void withoutEitherTheCheckoutLayoutIsNamed() {
            assertThat(SiteFiles.profilesDir(dir.resolve("sites/site.yaml"), null)).isEqualTo(dir.resolve("device-profiles"));
        }

        @Test
        void aFileThatIsNotADirectoryDoesNotCount() throws IOException {
            Files.writeString(dir.resolve("device-profiles"), "a file");
            Files.createDirectories(dir.resolve("sites/device-profiles"));
            assertThat(SiteFiles.profilesDir(dir.resolve("sites/site.yaml"), null)).isEqualTo(dir.resolve("sites/device-profiles"));
        }

        @Test
        void aSiteFileAtTheRootOfTheFileSystem() {
            Path root = dir.getRoot();
            assertThat(SiteFiles.profilesDir(root.resolve("site.yaml"), null)).isEqualTo(root.resolve("device-profiles"));
        }

        @Test
        void aRelativeSiteFileIsResolvedFromTheWorkingDirectory() {
            Path expected = Path.of("").toAbsolutePath().resolve("device-profiles");
            Path found = SiteFiles.profilesDir(Path.of("edge-config/site.yaml"), null);
            assertThat(found).isAbsolute();
            // bundles/site has no device-profiles/, nor its edge-config/ subfolder: the first candidate is named
            assertThat(found).isEqualTo(expected);
        }

        @Test
        void theRepositoryExamplesFindTheRepositoryProfiles() {
            assertThat(SiteFiles.profilesDir(Fixtures.siteExample(), null)).isEqualTo(Fixtures.profilesDir());
        }
    }
}
