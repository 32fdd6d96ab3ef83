package org.nsegw.kura.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding Kura's marker interface by name, as the component does at run time. */
class ConfigurableComponentsTest {

    @Test
    void withoutKuraThereIsNoMarker() {
        assertThat(ConfigurableComponents.findMarker(getClass().getClassLoader())).isEmpty();
    }

    @Test
    void aLoaderThatSeesKurasInterfaceYieldsIt(@TempDir Path dir) throws Exception {
        // an interface of that name, compiled here: the build has no Kura jar
        Path source = dir.resolve("org/eclipse/kura/configuration/ConfigurableComponent.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package org.eclipse.kura.configuration; public interface ConfigurableComponent {}");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString()))
                .isZero();
        try (URLClassLoader kura = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThat(ConfigurableComponents.findMarker(kura)).hasValueSatisfying(c -> {
                assertThat(c.getName()).isEqualTo(ConfigurableComponents.MARKER);
                assertThat(c.getClassLoader()).isSameAs(kura);
            });
        }
    }
}
