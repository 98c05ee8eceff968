package io.contextstore.deploy;

import io.contextstore.stack.cluster.Deployable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a service's container image holds, made without Docker: the executable jar extracted by the
 * Dockerfile's own RUN command, then its layers copied into one directory in the Dockerfile's order.
 * Running the Dockerfile's ENTRYPOINT in that directory is what the container runs.
 */
final class ServiceImage {

    private static final Map<Deployable, Path> BUILT = new EnumMap<>(Deployable.class);

    private ServiceImage() {
    }

    /** The image's working directory ({@code /application}), built once per test JVM. */
    static synchronized Path of(Deployable service) {
        return BUILT.computeIfAbsent(service, ServiceImage::build);
    }

    /** A command of the image ({@code ENTRYPOINT} or a Compose entrypoint), with this JVM's java. */
    static List<String> command(List<?> tokens) {
        List<String> command = new ArrayList<>();
        for (Object token : tokens) {
            command.add(command.isEmpty() && token.equals("java") ? java() : token.toString());
        }
        return command;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path build(Deployable service) {
        Dockerfiles dockerfile = Dockerfiles.of(service);
        Path root = Path.of("target", "images", service.composeService()).toAbsolutePath();
        Path builder = root.resolve("builder");
        Path application = root.resolve("application");
        try {
            delete(root);
            Files.createDirectories(builder);
            Files.createDirectories(application);
            File jar = Dockerfiles.executableJar(service);
            Files.copy(jar.toPath(), builder.resolve("application.jar"));
            Process extract = new ProcessBuilder(command(dockerfile.extractCommand())).directory(builder.toFile())
                    .redirectErrorStream(true).redirectOutput(root.resolve("extract.log").toFile()).start();
            if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                throw new IllegalStateException("extracting " + jar + " failed: " + Files.readString(root.resolve("extract.log")));
            }
            for (String layer : dockerfile.layers()) {
                copyInto(builder.resolve("extracted").resolve(layer), application);
            }
            return application;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code COPY <layer>/ ./}: the layer's content merged into the directory. */
    private static void copyInto(Path layer, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(layer)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(layer.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
