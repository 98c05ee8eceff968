package io.contextstore.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.DatabaseFailures;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseFailuresTest {

    @Test
    void aBrokenConnectionIsUnavailabilityWhicheverWrapperCarriesIt() {
        SQLException broken = new SQLException("I/O error", "08006");
        TransactionSystemException rollbackFailed = new TransactionSystemException("rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new UncategorizedSQLException("select", "select", broken));

        assertThat(DatabaseFailures.isUnavailable(new UncategorizedSQLException("x", "x", broken))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(rollbackFailed)).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("shutting down", "57P01"))).isTrue();
    }

    @Test
    void aConstraintViolationOrABugIsNot() {
        assertThat(DatabaseFailures.isUnavailable(new DataIntegrityViolationException("dup",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("bug"))).isFalse();
    }
}
