package io.contextstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.deploy.Endpoints.Endpoint;
import io.contextstore.stack.cluster.Deployable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The gateway's route table, evaluated the way Envoy evaluates it (first match by path, prefix and
 * method header), against every endpoint docs/api.md documents and every endpoint a controller maps:
 * each must reach the service whose code answers it.
 */
class GatewayRoutesTest {

    private final Map<String, Object> envoy = new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(Repository.read("deploy/gateway/envoy.yaml"));
    private final ComposeFile compose = ComposeFile.load();

    @Test
    void everyDocumentedEndpointIsRoutedToTheServiceThatMapsIt() {
        Set<Endpoint> documented = Endpoints.documented(Repository.read("docs/api.md"));
        assertThat(documented).as("endpoints found in docs/api.md").hasSizeGreaterThanOrEqualTo(15)
                .contains(new Endpoint("POST", "/api/v1/auth/license/"), new Endpoint("GET", "/.well-known/jwks.json"),
                        new Endpoint("POST", "/api/v1/context/push"), new Endpoint("GET", "/api/v1/context/pull"),
                        new Endpoint("GET", "/api/v1/context/status"), new Endpoint("POST", "/api/v1/context/tasks/"),
                        new Endpoint("GET", "/api/v1/context/tasks/"), new Endpoint("GET", "/api/v1/context/search"));
        for (Endpoint endpoint : documented) {
            assertThat(owners(endpoint)).as("the services whose controllers map %s", endpoint).hasSize(1);
            assertThat(route(endpoint)).as("the gateway routes %s", endpoint).isEqualTo(owners(endpoint).iterator().next());
        }
    }

    @Test
    void everyMappedEndpointIsRoutedToItsService() {
        for (Deployable service : List.of(Deployable.INGEST, Deployable.QUERY)) {
            for (Endpoint mapped : Endpoints.mapped(service.application().getPackageName())) {
                // a concrete request for a pattern such as /api/v1/context/{endpoint}
                Endpoint request = new Endpoint(mapped.method(), mapped.path().replaceAll("\\{[^}]+}", "x"));
                assertThat(route(request)).as("the gateway routes %s", mapped).isEqualTo(service.composeService());
            }
        }
    }

    @Test
    void whatIsNotTheApiIsNotRoutedActuatorIncluded() {
        assertThat(route(new Endpoint("GET", "/actuator/prometheus"))).isNull();
        assertThat(route(new Endpoint("GET", "/actuator/health"))).isNull();
        assertThat(route(new Endpoint("DELETE", "/api/v1/context/decisions/"))).isNull();
    }

    @Test
    void everyClusterIsAComposeServiceOnItsApiPortHealthCheckedOnItsManagementPort() {
        List<Object> clusters = ComposeFile.list(ComposeFile.map(envoy.get("static_resources")).get("clusters"));
        assertThat(clusters).hasSize(2);
        for (Object cluster : clusters) {
            Map<String, Object> definition = ComposeFile.map(cluster);
            String name = definition.get("name").toString();
            Map<String, String> environment = compose.environment(name);
            Map<String, Object> endpoint = ComposeFile.map(ComposeFile.map(ComposeFile.list(ComposeFile.map(
                    ComposeFile.list(ComposeFile.map(definition.get("load_assignment")).get("endpoints")).get(0))
                    .get("lb_endpoints")).get(0)).get("endpoint"));
            Map<String, Object> socket = ComposeFile.map(ComposeFile.map(endpoint.get("address")).get("socket_address"));
            assertThat(socket.get("address")).isEqualTo(name);
            assertThat(socket.get("port_value").toString()).isEqualTo(environment.get("SERVER_PORT"));
            assertThat(ComposeFile.map(endpoint.get("health_check_config")).get("port_value").toString())
                    .isEqualTo(environment.get("MANAGEMENT_SERVER_PORT"));
        }
        assertThat(ComposeFile.list(compose.service("gateway").get("volumes")))
                .contains("./deploy/gateway/envoy.yaml:/etc/envoy/envoy.yaml:ro");
    }

    /** The services with a controller method that answers this method and path. */
    private static Set<String> owners(Endpoint endpoint) {
        Set<String> owners = new TreeSet<>();
        for (Deployable service : List.of(Deployable.INGEST, Deployable.QUERY)) {
            for (Endpoint mapped : Endpoints.mapped(service.application().getPackageName())) {
                if (mapped.method().equals(endpoint.method()) && PathPatternParser.defaultInstance.parse(mapped.path())
                        .matches(PathContainer.parsePath(endpoint.path()))) {
                    owners.add(service.composeService());
                }
            }
        }
        return owners;
    }

    /** The cluster the first matching route sends the request to; null for a direct response or no match. */
    private String route(Endpoint endpoint) {
        for (Object route : routes()) {
            Map<String, Object> definition = ComposeFile.map(route);
            if (matches(ComposeFile.map(definition.get("match")), endpoint)) {
                Object cluster = ComposeFile.map(definition.get("route")).get("cluster");
                return cluster == null ? null : cluster.toString();
            }
        }
        return null;
    }

    private static boolean matches(Map<String, Object> match, Endpoint endpoint) {
        boolean path = match.containsKey("path") ? endpoint.path().equals(match.get("path"))
                : endpoint.path().startsWith(match.get("prefix").toString());
        for (Object header : ComposeFile.list(match.get("headers"))) {
            Map<String, Object> condition = ComposeFile.map(header);
            assertThat(condition.get("name")).as("only method conditions are understood here").isEqualTo(":method");
            Map<String, Object> stringMatch = ComposeFile.map(condition.get("string_match"));
            boolean method = stringMatch.containsKey("exact") ? endpoint.method().equals(stringMatch.get("exact"))
                    : endpoint.method().matches(ComposeFile.map(stringMatch.get("safe_regex")).get("regex").toString());
            path &= method;
        }
        return path;
    }

    private List<Object> routes() {
        Map<String, Object> listener = ComposeFile.map(ComposeFile.list(ComposeFile.map(envoy.get("static_resources"))
                .get("listeners")).get(0));
        Map<String, Object> manager = ComposeFile.map(ComposeFile.list(ComposeFile.map(ComposeFile.list(
                listener.get("filter_chains")).get(0)).get("filters")).get(0));
        Map<String, Object> routeConfig = ComposeFile.map(ComposeFile.map(manager.get("typed_config")).get("route_config"));
        Map<String, Object> host = ComposeFile.map(ComposeFile.list(routeConfig.get("virtual_hosts")).get(0));
        return new ArrayList<>(ComposeFile.list(host.get("routes")));
    }
}
