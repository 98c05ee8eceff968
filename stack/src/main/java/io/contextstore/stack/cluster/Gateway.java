package io.contextstore.stack.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The load balancer in front of the cluster: Debian's haproxy, routing by path and method as Compose's gateway
 * (deploy/gateway/envoy.yaml) does, only to instances whose Actuator readiness group answers UP.
 */
final class Gateway {

    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    private Gateway() {
    }

    /** Stops the launcher early, saying how to get haproxy, when this machine has none. */
    static void requireInstalled() {
        if (!Files.isExecutable(HAPROXY)) {
            throw new IllegalStateException("The cluster's load balancer is haproxy, and " + HAPROXY
                    + " is missing. Install it (Debian/Ubuntu: sudo apt-get install -y haproxy) and start again.");
        }
    }

    /** Writes the configuration and returns the process (not started) that serves it on {@code port}. */
    static ClusterProcess of(Path directory, int port, List<ClusterProcess> ingest, List<ClusterProcess> query) {
        Path config = directory.resolve("haproxy.cfg");
        try {
            Files.createDirectories(directory);
            Files.writeString(config, configuration(port, ingest, query));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClusterProcess("gateway", List.of(HAPROXY.toString(), "-db", "-f", config.toString()), Map.of(),
                directory.resolve("logs/gateway.log"), new ClusterProcess.Ports(port, 0));
    }

    static String configuration(int port, List<ClusterProcess> ingest, List<ClusterProcess> query) {
        return """
                # written by ./contextstore up --cluster at every start: the routes of deploy/gateway/envoy.yaml
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 40s
                    # an instance counts as down after two failed readiness checks, up again after one
                    default-server inter 2s fall 2 rise 1

                frontend api
                    bind 127.0.0.1:%d
                    http-request set-header X-Request-Id %%[uuid] unless { req.hdr(X-Request-Id) -m found }
                    acl write method POST
                    acl read method GET HEAD
                    acl issuer path /.well-known/jwks.json
                    acl issuer path_beg /api/v1/auth/
                    acl context path_beg /api/v1/context/
                    acl stream path_beg /api/v1/context/stream
                    acl audit path_beg /api/v1/audit/
                    use_backend ingest-api if issuer
                    use_backend ingest-api if context write
                    # the live stream and audit replays stay open as long as data flows: only a limit on silence
                    use_backend query-api-streams if stream read
                    use_backend query-api-streams if audit
                    # a pull may wait up to 30 s for the projector (wait_for)
                    use_backend query-api if context read
                    http-request return status 404 if !issuer !context !audit
                    http-request return status 404 if context !write !read

                backend ingest-api
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                %s
                backend query-api
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                %s
                backend query-api-streams
                    balance roundrobin
                    timeout server 60s
                    option httpchk GET /actuator/health/readiness
                %s""".formatted(port, servers(ingest), servers(query), servers(query));
    }

    private static String servers(List<ClusterProcess> instances) {
        return instances.stream()
                .map(instance -> "    server %s 127.0.0.1:%d check port %d".formatted(instance.name(),
                        instance.ports().api(), instance.ports().management()))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
