package io.contextstore.client.tiers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Tier files exactly as release 1 of {@code ctx} created them, for upgrade tests. */
public final class TierSchemas {

    private TierSchemas() {
    }

    /** Release 1's migration alone, user_version 1. */
    public static void createReleaseOne(Path home, Tier tier) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(tier.fileName()));
             Statement statement = c.createStatement()) {
            for (String sql : Migrations.of(tier).get(0)) {
                statement.executeUpdate(sql);
            }
            statement.executeUpdate("PRAGMA user_version = 1");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
