package io.contextstore.stack.admin;

import java.util.UUID;
import picocli.CommandLine.Option;

/** What every team and project command takes: the tenant, and whether to answer in JSON. */
final class ScopeOptions {

    @Option(names = "--tenant", required = true, description = "Tenant id.")
    UUID tenant;

    @Option(names = "--json", description = "Answer in JSON.")
    boolean json;
}
