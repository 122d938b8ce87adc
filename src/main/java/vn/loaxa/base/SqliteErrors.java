package vn.loaxa.base;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * What an SQLite error means for the station: a busy database (wait and retry), a full disk, or
 * a fault of the statement. sqlite-jdbc gives no SQL state, so Spring alone would call all of
 * them "uncategorized".
 */
public final class SqliteErrors {

    /** Why the database could not do what was asked, as far as a person needs to know. */
    public enum Trouble {
        /** Another writer, a long query or a pool running dry: retry in a moment. */
        BUSY,
        /** The disk holding the database is full. */
        FULL
    }

    /** The disk is full: SQLite could not grow the database or its journal. */
    public static final class StorageFullException extends DataAccessResourceFailureException {
        public StorageFullException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What a client is told to wait (Retry-After) before trying again after a busy database. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private SqliteErrors() {
    }

    /** The trouble behind {@code error}, looking through its causes; empty for any other failure. */
    public static Optional<Trouble> troubleOf(@Nullable Throwable error) {
        for (var t = error; t != null; t = t.getCause()) {
            if (t instanceof StorageFullException) {
                return Optional.of(Trouble.FULL);
            }
            if (t instanceof PessimisticLockingFailureException || t instanceof CannotGetJdbcConnectionException
                    || t instanceof SQLTransientConnectionException) {
                return Optional.of(Trouble.BUSY);
            }
            if (t instanceof SQLiteException e) {
                return switch (primaryCode(e)) {
                    case 5, 6 -> Optional.of(Trouble.BUSY);
                    case 13 -> Optional.of(Trouble.FULL);
                    default -> Optional.empty();
                };
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** SQLite's primary result code (the low byte of an extended one). */
    static int primaryCode(SQLiteException e) {
        return e.getResultCode().code & 0xFF;
    }

    /** Turns SQLite's busy and full codes into Spring's exceptions, the rest to {@code fallback}. */
    static SQLExceptionTranslator translator(SQLExceptionTranslator fallback) {
        return (task, sql, ex) -> {
            if (ex instanceof SQLiteException e) {
                var message = task + ": " + e.getMessage();
                switch (primaryCode(e)) {
                    case 5, 6 -> {
                        return new CannotAcquireLockException(message, e);
                    }
                    case 13 -> {
                        return new StorageFullException(message, e);
                    }
                    case 19 -> {
                        // A UNIQUE or PRIMARY KEY clash is a duplicate the caller can name; other
                        // constraints (CHECK, NOT NULL, a trigger) are integrity violations.
                        var extended = e.getResultCode().code;
                        return extended == 2067 || extended == 1555 ? new DuplicateKeyException(message, e)
                                : new DataIntegrityViolationException(message, e);
                    }
                    default -> {
                        // handled by the fallback below
                    }
                }
            }
            DataAccessException translated = fallback.translate(task, sql, ex);
            return translated;
        };
    }

    /**
     * Tells the pool to throw away a connection after any error SQLite reports but a constraint
     * violation. After a failed BEGIN, COMMIT or ROLLBACK sqlite-jdbc's idea of the transaction may
     * differ from SQLite's, and such a connection handed out again fails every later transaction
     * ("cannot commit - no transaction is active"); a new connection to a local file costs a
     * millisecond. The driver's own refusals (a read-only flag it cannot change) leave it as it was.
     */
    public static final class EvictAfterError implements SQLExceptionOverride {

        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            if (!(e instanceof SQLiteException s)) {
                return SQLExceptionOverride.Override.CONTINUE_EVICT;
            }
            return primaryCode(s) == 19 ? SQLExceptionOverride.Override.DO_NOT_EVICT
                    : SQLExceptionOverride.Override.MUST_EVICT;
        }
    }
}
