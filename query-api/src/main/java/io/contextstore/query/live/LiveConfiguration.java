package io.contextstore.query.live;

import io.contextstore.platform.db.Database;
import io.contextstore.query.QueryConfiguration;
import io.contextstore.query.QueryProperties;
import io.contextstore.query.ReadScope;
import io.contextstore.query.pull.EventReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The live read side: one listening connection, the held-connection limits, the threads, the streams. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveProperties.class)
class LiveConfiguration {

    @Bean(destroyMethod = "close")
    LiveExecutors liveExecutors(LiveProperties properties) {
        return new LiveExecutors(properties.readerThreads());
    }

    @Bean
    ProjectionListener projectionListener(QueryProperties query, LiveProperties properties,
                                          @Qualifier(QueryConfiguration.DATABASE) Database database) {
        // signals come from the primary (query.database()); the reads, from where the pool points
        return new ProjectionListener(query.database(), properties.listenCheck(),
                query.readsFromReplica() ? database : null);
    }

    @Bean
    Admission admission(LiveProperties properties, ObjectProvider<MeterRegistry> registry) {
        return new Admission(properties, registry.getIfAvailable());
    }

    @Bean
    Streams streams(@Qualifier(QueryConfiguration.DATABASE) Database database, LiveProperties properties,
                    ProjectionListener listener, LiveExecutors executors, JsonMapper json) {
        return new Streams(new EventReader(new ReadScope(database)), properties, listener, executors, json,
                Clock.systemUTC());
    }
}
