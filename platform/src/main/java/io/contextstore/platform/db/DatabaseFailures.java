package io.contextstore.platform.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells an unreachable database (503, retry later) from a real bug (500). A connection that breaks
 * mid-transaction surfaces in many wrappers, a failed rollback among them; its SQLSTATE says what happened.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof TransactionSystemException rollbackFailed
                    && rollbackFailed.getApplicationException() != null
                    && isUnavailable(rollbackFailed.getApplicationException())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** 08: connection exception; 57P: operator intervention (shutdown, crash recovery); 53: insufficient resources. */
    private static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"));
    }
}
