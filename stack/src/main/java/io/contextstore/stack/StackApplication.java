package io.contextstore.stack;

import io.contextstore.ingest.IngestConfiguration;
import io.contextstore.projector.ProjectorConfiguration;
import io.contextstore.query.QueryConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The three services in one application context behind one port, as the embedded default runs them.
 * Each keeps its own connection pool and database role; in production they are separate deployables.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
@Import({IngestConfiguration.class, ProjectorConfiguration.class, QueryConfiguration.class})
public class StackApplication {
}
