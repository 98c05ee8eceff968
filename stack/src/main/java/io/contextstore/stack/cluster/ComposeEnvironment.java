package io.contextstore.stack.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The services' settings as docker-compose.yml gives them (the build copies the file beside this class): the one
 * home of the production topology's environment, so the cluster on this machine runs what Compose would run.
 */
final class ComposeEnvironment {

    private final Map<String, Object> services;

    private ComposeEnvironment(Map<String, Object> services) {
        this.services = services;
    }

    static ComposeEnvironment load() {
        try (InputStream yaml = ComposeEnvironment.class.getResourceAsStream("docker-compose.yml")) {
            if (yaml == null) {
                throw new IllegalStateException("docker-compose.yml is not on the class path (rebuild the stack module)");
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            return new ComposeEnvironment(map(root.get("services")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service's environment with Compose's anchors and merge keys resolved, values as strings. */
    Map<String, String> environment(String service) {
        Map<String, String> result = new LinkedHashMap<>();
        map(service(service).get("environment"))
                .forEach((key, value) -> result.put(key, value == null ? "" : value.toString()));
        return result;
    }

    /** The secrets Compose mounts under /run/secrets (a relative target): what Spring's configtree reads as properties. */
    List<String> configTreeSecrets(String service) {
        Object secrets = service(service).get("secrets");
        if (!(secrets instanceof List<?> entries)) {
            return List.of();
        }
        return entries.stream()
                .map(entry -> entry instanceof Map<?, ?> mount && mount.get("target") != null
                        ? mount.get("target").toString() : entry instanceof Map<?, ?> mount ? mount.get("source").toString()
                        : entry.toString())
                .filter(target -> !target.startsWith("/"))
                .toList();
    }

    private Map<String, Object> service(String name) {
        Map<String, Object> service = map(services.get(name));
        if (service.isEmpty()) {
            throw new IllegalStateException("docker-compose.yml has no service " + name);
        }
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
