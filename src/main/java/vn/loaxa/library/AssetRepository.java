package vn.loaxa.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class AssetRepository {

    private static final String COLUMNS = """
            id, title, original_filename, stored_name, sha256, size_bytes, container, duration_ms, frames,
            sample_rate, channels, peak_dbfs, loudness_lufs, imported_at, imported_by, retired""";

    private final JdbcClient jdbc;

    AssetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AudioAsset> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audio_asset WHERE id = ?").param(id)
                .query(AssetRepository::map).optional();
    }

    Optional<AudioAsset> findBySha256(String sha256) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audio_asset WHERE sha256 = ?").param(sha256)
                .query(AssetRepository::map).optional();
    }

    List<AudioAsset> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audio_asset ORDER BY imported_at DESC, id DESC")
                .query(AssetRepository::map).list();
    }

    long insert(AudioAsset a) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO audio_asset (title, original_filename, stored_name, sha256, size_bytes, container,
                            duration_ms, frames, sample_rate, channels, peak_dbfs, loudness_lufs, imported_at, imported_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.title(), a.originalFilename(), a.storedName(), a.sha256(), a.sizeBytes(), a.container(),
                        a.durationMs(), a.frames(), a.sampleRate(), a.channels(), a.peakDbfs(), a.loudnessLufs(),
                        a.importedAt().toString(), a.importedBy())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void updateTitle(long id, String title) {
        jdbc.sql("UPDATE audio_asset SET title = ? WHERE id = ?").params(title, id).update();
    }

    void updateRetired(long id, boolean retired) {
        jdbc.sql("UPDATE audio_asset SET retired = ? WHERE id = ?").params(retired ? 1 : 0, id).update();
    }

    private static AudioAsset map(ResultSet rs, int row) throws SQLException {
        // wasNull right after its own column: read later, it would answer for peak_dbfs, and an
        // unmeasured asset would come back as 0 LUFS (the player would then cut it by 16 dB).
        double measured = rs.getDouble("loudness_lufs");
        Double lufs = rs.wasNull() ? null : measured;
        return new AudioAsset(rs.getLong("id"), rs.getString("title"), rs.getString("original_filename"),
                rs.getString("stored_name"), rs.getString("sha256"), rs.getLong("size_bytes"),
                rs.getString("container"), rs.getLong("duration_ms"), rs.getLong("frames"), rs.getInt("sample_rate"),
                rs.getInt("channels"), rs.getDouble("peak_dbfs"), lufs,
                Instant.parse(rs.getString("imported_at")), rs.getString("imported_by"), rs.getInt("retired") == 1);
    }
}
