package io.contextstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.stack.cluster.Deployable;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles cannot be built here (no Docker engine). What they depend on is checked: the jar
 * their COPY names is the one the build produces (the executable {@code -exec.jar}, never the plain
 * one beside it, or COPY would match two files), they copy the jar's layers in the jar's own order,
 * and Compose builds each from its module. SeparateProcessesIT runs their extract and entry point.
 */
class DockerfileTest {

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void eachDockerfileCopiesTheExecutableJarItsModuleBuildsAndOnlyThatOne() {
        for (Deployable service : Deployable.values()) {
            Dockerfiles dockerfile = Dockerfiles.of(service);
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + dockerfile.jarGlob());
            File jar = Dockerfiles.executableJar(service);
            String version = jar.getName().substring(service.composeService().length() + 1, jar.getName().length() - "-exec.jar".length());
            assertThat(glob.matches(Path.of("target", jar.getName()))).as("%s matches %s", dockerfile.jarGlob(), jar.getName()).isTrue();
            assertThat(glob.matches(Path.of("target", service.composeService() + "-" + version + ".jar"))).isFalse();
            assertThat(compose.service(service.composeService()).get("build")).isEqualTo("./" + service.composeService());
        }
    }

    @Test
    void eachDockerfileCopiesTheLayersInTheJarsOrderAndStartsTheExtractedApplication() throws IOException {
        for (Deployable service : Deployable.values()) {
            Dockerfiles dockerfile = Dockerfiles.of(service);
            assertThat(dockerfile.layers()).containsExactlyElementsOf(layersOf(Dockerfiles.executableJar(service)));
            assertThat(dockerfile.extractCommand()).contains("extract", "--layers", "--destination", "extracted");
            assertThat(dockerfile.entrypoint()).startsWith("java").endsWith("-jar", "application.jar");
        }
    }

    /** The layers of a Spring Boot jar, from its BOOT-INF/layers.idx ({@code - "name":} lines, in order). */
    static List<String> layersOf(File jar) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            String index = new String(file.getInputStream(file.getEntry("BOOT-INF/layers.idx")).readAllBytes(),
                    StandardCharsets.UTF_8);
            return index.lines().filter(line -> line.startsWith("- \"")).map(line -> line.substring(3, line.lastIndexOf('"')))
                    .toList();
        }
    }
}
