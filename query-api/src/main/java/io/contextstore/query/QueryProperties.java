package io.contextstore.query;

import io.contextstore.platform.db.DatabaseSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query API ({@code contextstore.query.*}).
 *
 * @param defaultWait how long a read-your-writes pull waits when it names {@code wait_for} without {@code timeout_ms}
 * @param maxWait     the longest wait a pull may ask for
 * @param waitPoll    how often a waiting search looks at the search indexer's progress (pulls are woken, ADR 38)
 */
@ConfigurationProperties("contextstore.query")
public record QueryProperties(
        DatabaseSettings database,
        @DefaultValue("500") int defaultLimit,
        @DefaultValue("1000") int maxLimit,
        @DefaultValue("5s") Duration defaultWait,
        @DefaultValue("30s") Duration maxWait,
        @DefaultValue("10ms") Duration waitPoll) {
}
