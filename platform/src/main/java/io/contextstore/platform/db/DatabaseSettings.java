package io.contextstore.platform.db;

import java.time.Duration;

/**
 * How one service connects to PostgreSQL: its own login role, never the owner.
 *
 * @param connectionTimeout how long a request waits for a pooled connection before the service
 *                          answers 503; short, so an unreachable database is reported promptly
 */
public record DatabaseSettings(String url, String username, String password, int poolSize, Duration connectionTimeout) {

    public DatabaseSettings {
        if (poolSize <= 0) {
            poolSize = 8;
        }
        if (connectionTimeout == null) {
            connectionTimeout = Duration.ofSeconds(3);
        }
    }

    public DatabaseSettings withUser(String username, String password) {
        return new DatabaseSettings(url, username, password, poolSize, connectionTimeout);
    }

    /** The same login with a pool of another size. */
    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(url, username, password, size, connectionTimeout);
    }

    /** The same role and pool on another server, such as a streaming replica of this one. */
    public DatabaseSettings withUrl(String otherUrl) {
        return new DatabaseSettings(otherUrl, username, password, poolSize, connectionTimeout);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", username=" + username + ", poolSize=" + poolSize + "]";
    }
}
