package io.contextstore.projector.search;

import io.contextstore.platform.db.Database;
import io.contextstore.projector.ProjectorConfiguration;
import io.contextstore.projector.ProjectedTenants;
import io.contextstore.projector.ProjectorPace;
import io.contextstore.projector.ProjectorProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The search indexer runs wherever the projector runs, as the projector's role, on a connection of its own. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "contextstore.projector", name = "enabled", havingValue = "true", matchIfMissing = true)
class SearchIndexConfiguration {

    /** One connection: the indexer works on one thread. */
    @Bean(name = ProjectorConfiguration.SEARCH_INDEXER, destroyMethod = "close")
    @Qualifier(ProjectorConfiguration.SEARCH_INDEXER)
    Database searchIndexerDatabase(ProjectorProperties properties) {
        return Database.connect(properties.database().withPoolSize(1), ProjectorConfiguration.SEARCH_INDEXER,
                properties.sessionTimeout());
    }

    @Bean(destroyMethod = "close")
    SearchIndexer searchIndexer(@Qualifier(ProjectorConfiguration.SEARCH_INDEXER) Database database,
                                ProjectorProperties properties, MeterRegistry registry, ProjectorPace pace,
                                ProjectedTenants projected) {
        SearchIndexer indexer = new SearchIndexer(database, properties.searchBatch(), registry, pace,
                properties.searchDeferral(), projected, properties.searchSweep(), System::nanoTime);
        indexer.start(properties.searchInterval());
        return indexer;
    }
}
