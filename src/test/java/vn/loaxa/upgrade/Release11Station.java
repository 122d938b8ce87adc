package vn.loaxa.upgrade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Gio Sơn station as the release with migrations up to V0011 (audit trail) left it after a few
 * weeks on air: accounts of each role, a library of real WAV files, approved and pending bulletins,
 * the morning and afternoon programmes with their queues and villages, a one-off, a campaign, an
 * extra village with its loudspeaker address, station settings, an air log written through the air
 * log's own chain and journal (broadcasts completed and interrupted, a missed one, village switches),
 * and audit rows written through the audit trail's chain. Tables are filled in the columns that
 * release had; the files are in {@code src/test/resources/upgrade/release-11}.
 */
public final class Release11Station implements PreviousRelease {

    static final String ADMIN = "admin";
    static final String PASSWORD = "Gio-Son-2026-admin";

    @Override
    public String lastMigration() {
        return "11";
    }

    @Override
    public List<String> keptTables() {
        return List.of("app_user", "app_user_role", "audio_asset", "village", "village_zone", "cchc_topic", "bulletin",
                "programme", "programme_village", "queue_entry", "one_off", "one_off_item", "one_off_village", "campaign",
                "campaign_topic", "station_setting", "zone_setting", "api_token", "air_log", "audit_log");
    }

    @Override
    public String admin() {
        return ADMIN;
    }

    @Override
    public String adminPassword() {
        return PASSWORD;
    }

    /**
     * Copies the folders that release wrote. They were made once, by that release's own code (its
     * air log and audit trail writing their chains and journal, at commit 014a64b, whose
     * application is the V0011 release's): a fixture built by today's code would hold today's
     * rows, not the release's. The air log journal is left out (4 MB, preallocated): after a clean
     * stop every row it held is in the database, and the station makes a new one.
     */
    @Override
    public void build(Path data, Path audio) throws Exception {
        var shipped = Path.of(Release11Station.class.getResource("/upgrade/release-11").toURI());
        for (var folder : List.of("data", "audio")) {
            var target = folder.equals("data") ? data : audio;
            Files.createDirectories(target);
            try (var files = Files.list(shipped.resolve(folder))) {
                for (var file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName().toString()));
                }
            }
        }
    }
}
