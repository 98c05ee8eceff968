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
 * @param replicaUrl  a streaming replica of {@code database} to read from (same role and pool settings), or null to
 *                    read from {@code database}; the projector's signals are still listened for on {@code database}
 *                    (LISTEN is refused on a hot standby), and held back until the replica has replayed them (ADR 41)
 */
@ConfigurationProperties("contextstore.query")
public record QueryProperties(
        DatabaseSettings database,
        @DefaultValue("500") int defaultLimit,
        @DefaultValue("1000") int maxLimit,
        @DefaultValue("5s") Duration defaultWait,
        @DefaultValue("30s") Duration maxWait,
        @DefaultValue("10ms") Duration waitPoll,
        String replicaUrl) {

    /** Where reads go: the replica when one is set, else the database itself. */
    public DatabaseSettings readDatabase() {
        return replicaUrl == null || replicaUrl.isBlank() ? database : database.withUrl(replicaUrl);
    }

    public boolean readsFromReplica() {
        return replicaUrl != null && !replicaUrl.isBlank();
    }
}
