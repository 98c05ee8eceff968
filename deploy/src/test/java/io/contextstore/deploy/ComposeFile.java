package io.contextstore.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker-compose.yml as data: YAML anchors and merge keys resolved, as Compose resolves them. */
final class ComposeFile {

    /** A secret mounted into a service: where, and from which file of the host. */
    record Secret(String source, String target, String file) {

        /** Compose mounts a short target under /run/secrets. */
        String mountPath() {
            return target.startsWith("/") ? target : "/run/secrets/" + target;
        }
    }

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile load() {
        return parse(Repository.read("docker-compose.yml"));
    }

    static ComposeFile parse(String yaml) {
        return new ComposeFile(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    }

    Map<String, Object> services() {
        return map(root.get("services"));
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        if (service.isEmpty()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** The environment of a service, in either of Compose's two notations, values as strings. */
    Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> result.put(key.toString(), value == null ? "" : value.toString()));
        } else if (environment instanceof List<?> lines) {
            for (Object line : lines) {
                String[] pair = line.toString().split("=", 2);
                result.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return result;
    }

    List<Secret> secrets(String service) {
        Object secrets = service(service).get("secrets");
        List<Secret> result = new ArrayList<>();
        if (secrets instanceof List<?> entries) {
            for (Object entry : entries) {
                String source = entry instanceof Map<?, ?> long_ ? long_.get("source").toString() : entry.toString();
                String target = entry instanceof Map<?, ?> long_ && long_.get("target") != null
                        ? long_.get("target").toString() : source;
                result.add(new Secret(source, target, secretFile(source)));
            }
        }
        return result;
    }

    String secretFile(String name) {
        Object file = map(map(root.get("secrets")).get(name)).get("file");
        return file == null ? null : file.toString();
    }

    Map<String, Object> topLevel(String key) {
        return map(root.get(key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
