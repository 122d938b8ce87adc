package vn.loaxa.upgrade;

import java.nio.file.Path;
import java.util.List;

/**
 * A station's folders as an earlier release left them, for upgrade tests. A new release adds the
 * release before it as one more implementation (its schema version and the data that release
 * wrote, in the tables it had) and a test like {@link UpgradeFromRelease11Test} that starts the new
 * application on it.
 */
public interface PreviousRelease {

    /** The last migration that release shipped (Flyway's target, e.g. "11"). */
    String lastMigration();

    /** The tables whose rows the upgrade must keep, compared row for row in the columns that release had. */
    List<String> keptTables();

    /** An ADMIN account of that station and its password, to ask the upgraded station's API. */
    String admin();

    String adminPassword();

    /** Writes {@code data} (loaxa.db, the air log journal) and {@code audio} as that release would have. */
    void build(Path data, Path audio) throws Exception;
}
