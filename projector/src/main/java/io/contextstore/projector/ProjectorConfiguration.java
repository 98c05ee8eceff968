package io.contextstore.projector;

import io.contextstore.platform.db.Database;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/** The projector as a unit: its own connection pool (role cs_projector) and its consumer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectorProperties.class)
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class ProjectorConfiguration {

    public static final String DATABASE = "projectorDatabase";
    /**
     * The search indexer's connections' {@code application_name}: its own pool, so that its backends do nothing else
     * and the embedded stack can give them a lower CPU priority (ADR 48).
     */
    public static final String SEARCH_INDEXER = "search-indexer";

    /**
     * Transactions idle longer than the consumer session end: a projector frozen inside a batch (a stopped
     * process, a long pause) holds its partitions' offset rows locked, and the instance the group hands those
     * partitions to after one session would wait for the rows until the frozen one wakes. Ended, the frozen
     * transaction commits nothing, and the new owner resumes where the read model stands.
     */
    @Bean(name = DATABASE, destroyMethod = "close")
    @Qualifier(DATABASE)
    Database projectorDatabase(ProjectorProperties properties) {
        return Database.connect(properties.database(), "projector", properties.sessionTimeout());
    }

    /** What the consumer tells the search indexer: whether it is catching up with the log. */
    @Bean
    ProjectorPace projectorPace(ProjectorProperties properties) {
        return new ProjectorPace(properties.maxPollRecords(), System::nanoTime);
    }

    /** What the consumer tells the search indexer too: which tenants its commits moved. */
    @Bean
    ProjectedTenants projectedTenants() {
        return new ProjectedTenants();
    }
}
