package io.contextstore.stack.cluster;

import io.contextstore.ingest.IngestApiApplication;
import io.contextstore.projector.ProjectorApplication;
import io.contextstore.query.QueryApiApplication;

/** The three deployables: their Compose service name and main class. */
public enum Deployable {
    INGEST("ingest-api", IngestApiApplication.class),
    PROJECTOR("projector", ProjectorApplication.class),
    QUERY("query-api", QueryApiApplication.class);

    private final String composeService;
    private final Class<?> application;

    Deployable(String composeService, Class<?> application) {
        this.composeService = composeService;
        this.application = application;
    }

    public String composeService() {
        return composeService;
    }

    public Class<?> application() {
        return application;
    }
}
