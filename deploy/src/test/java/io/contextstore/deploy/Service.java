package io.contextstore.deploy;

import io.contextstore.ingest.IngestApiApplication;
import io.contextstore.projector.ProjectorApplication;
import io.contextstore.query.QueryApiApplication;
import java.util.List;

/** The three deployables: their Compose service and Maven module (one name), and their main class. */
enum Service {
    INGEST("ingest-api", IngestApiApplication.class),
    PROJECTOR("projector", ProjectorApplication.class),
    QUERY("query-api", QueryApiApplication.class);

    private final String name;
    private final Class<?> application;

    Service(String name, Class<?> application) {
        this.name = name;
        this.application = application;
    }

    String serviceName() {
        return name;
    }

    Class<?> application() {
        return application;
    }

    List<Setting> settings() {
        return Settings.ofApplication(application);
    }
}
