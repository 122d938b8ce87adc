package vn.loaxa.upgrade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogRecords.VillageSwitch;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.airlog.ScratchAirLog;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.audit.AuditRecords.Entry;
import vn.loaxa.audit.AuditRecords.Via;
import vn.loaxa.audit.ScratchAudit;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.ScratchDatabase;
import vn.loaxa.testing.Wavs;

/**
 * The Gio Sơn station as the release with migrations up to V0011 (audit trail) left it after a few
 * weeks on air: accounts of each role, a library of real WAV files, approved and pending bulletins,
 * the morning and afternoon programmes with their queues and villages, a one-off, a campaign, an
 * extra village with its loudspeaker address, station settings, an air log written through the air
 * log's own chain and journal (broadcasts completed and interrupted, a missed one, village switches),
 * and audit rows written through the audit trail's chain. Tables are filled in the columns that
 * release had.
 */
public final class Release11Station implements PreviousRelease {

    static final String ADMIN = "admin";
    static final String PASSWORD = "Gio-Son-2026-admin";
    /** Weeks before the upgrade, in the station's past: 01/11/2026 05:30 in Vietnam. */
    static final Instant FIRST_MORNING = Instant.parse("2026-10-31T22:30:00Z");

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

    @Override
    public void build(Path data, Path audio) throws Exception {
        Files.createDirectories(data);
        Files.createDirectories(audio);
        var clock = Clock.fixed(FIRST_MORNING.plusSeconds(3 * 86_400), ZoneOffset.UTC);
        try (var db = new ScratchDatabase(data, "loaxa.db", lastMigration())) {
            var jdbc = db.jdbc();
            String at = "2026-10-20T02:00:00Z";
            long admin = user(jdbc, ADMIN, "Quản trị đài", new BCryptPasswordEncoder().encode(PASSWORD), "ADMIN", at);
            // Accounts that never log in here: a cheaper hash of the same kind keeps the fixture quick.
            var quick = new BCryptPasswordEncoder(4);
            user(jdbc, "vanhanh", "Nguyễn Văn Vận", quick.encode("Van-Hanh-2026-dai"), "OPERATOR", at);
            user(jdbc, "lanhdao", "Chủ tịch UBND xã", quick.encode("Lanh-Dao-2026-xa"), "APPROVER", at);

            long opening = asset(jdbc, audio, "Nhạc hiệu đầu chương trình", "nhac-hieu.wav", 2.0, 523, at);
            long bulletinA = asset(jdbc, audio, "Hướng dẫn nộp hồ sơ trực tuyến", "ho-so-truc-tuyen.wav", 3.0, 440, at);
            long bulletinB = asset(jdbc, audio, "Kết quả chỉ số PAR Index", "par-index.wav", 2.5, 330, at);
            long closing = asset(jdbc, audio, "Nhạc kết thúc", "nhac-ket.wav", 1.5, 660, at);

            long topicSo = topic(jdbc, "CQ_SO");
            long topicChiSo = topic(jdbc, "CHI_SO");
            long approvedA = bulletin(jdbc, bulletinA, "Hướng dẫn nộp hồ sơ trực tuyến mức độ 4", topicSo, "APPROVED", at);
            long approvedB = bulletin(jdbc, bulletinB, "Kết quả chỉ số PAR Index năm 2025", topicChiSo, "APPROVED", at);
            bulletin(jdbc, bulletinB, "Thông báo lịch tiếp công dân", topicSo, "SUBMITTED", at);

            jdbc.sql("INSERT INTO village (name, position) VALUES ('Xóm Bàu', 8)").update();
            jdbc.sql("""
                    INSERT INTO village_zone (village_id, code, relay, dtmf_on, dtmf_off, mqtt_topic, updated_at, updated_by)
                    SELECT id, 'xom-bau', 8, '*38#', '#38*', 'gioson/xombau', ?, 'admin' FROM village WHERE name = 'Xóm Bàu'""")
                    .param(at).update();
            jdbc.sql("INSERT INTO zone_setting (key, value, updated_at, updated_by) VALUES ('driver', 'DTMF', ?, 'admin')")
                    .param(at).update();

            long morning = programme(jdbc, "Chương trình sáng", "05:30", opening, closing, at);
            long afternoon = programme(jdbc, "Chương trình chiều", "17:00", opening, closing, at);
            for (long village = 1; village <= 7; village++) {
                jdbc.sql("INSERT INTO programme_village VALUES (?, ?)").params(morning, village).update();
                if (village <= 4) {
                    jdbc.sql("INSERT INTO programme_village VALUES (?, ?)").params(afternoon, village).update();
                }
            }
            queue(jdbc, morning, approvedA, 1, at);
            queue(jdbc, morning, approvedB, 2, at);
            queue(jdbc, afternoon, approvedB, 1, at);

            jdbc.sql("""
                    INSERT INTO one_off (title, starts_at_ms, priority, start_policy, wait_s, created_by, created_at, reason)
                    VALUES ('Thông báo tiêm phòng dại cho chó mèo', ?, 'PRIORITY', 'WAIT', 60, 'vanhanh', ?,
                            'Trạm y tế đề nghị phát gấp')""")
                    .params(Instant.parse("2027-01-10T01:00:00Z").toEpochMilli(), at).update();
            jdbc.sql("INSERT INTO one_off_item VALUES (1, 1, ?)").param(bulletinA).update();
            jdbc.sql("INSERT INTO one_off_village VALUES (1, 2)").update();

            jdbc.sql("""
                    INSERT INTO campaign (name, from_date, to_date, note, position)
                    VALUES ('Quý IV: chính quyền số', '2026-10-01', '2026-12-31', 'Kế hoạch 32/KH-UBND', 1)""").update();
            jdbc.sql("INSERT INTO campaign_topic VALUES (1, ?, 1)").param(topicSo).update();

            jdbc.sql("INSERT INTO station_setting VALUES ('playout.grace.minutes', '15', ?, 'admin')").param(at).update();
            jdbc.sql("INSERT INTO station_setting VALUES ('officer', 'Lê Thị Hoa', ?, 'admin')").param(at).update();

            jdbc.sql("""
                    INSERT INTO api_token (user_id, name, token_hash, hint, scopes, created_at, created_by)
                    VALUES (?, 'Máy giám sát', ?, 'lx_Ab…', 'STATUS_READ', ?, 'admin')""")
                    .params(admin, "e".repeat(64), at).update();

            var airLog = ScratchAirLog.open(db, clock);
            try {
                for (int day = 0; day < 3; day++) {
                    ScratchAirLog.writeMorning(airLog, "P" + morning + "@2026-11-0" + (day + 1),
                            FIRST_MORNING.plusSeconds(day * 86_400L));
                }
                Instant afternoonStart = Instant.parse("2026-11-01T10:00:00Z");
                var started = airLog.broadcastStarted(new BroadcastStart("P" + afternoon + "@2026-11-01",
                        "Chương trình chiều", afternoonStart, afternoonStart.plusMillis(9), 600_000, List.of(1L, 2L),
                        List.of("Thôn 1", "Thôn 2"), Priority.NORMAL, Trigger.SCHEDULE, "system"));
                airLog.villageSwitched(new VillageSwitch("P" + afternoon + "@2026-11-01", started.seq(),
                        "Chương trình chiều", afternoonStart, 1, "Thôn 1", true, "DTMF", "SENT",
                        afternoonStart.minusMillis(800), null, "system"));
                airLog.itemPlayed(started, new PlayedItem(1, "BULLETIN", "Kết quả chỉ số PAR Index năm 2025",
                        "CHI_SO", "Chỉ số PAR Index, SIPAS, PAPI, PCI", bulletinB, approvedB, "d".repeat(64),
                        480_000, 120_000, Outcome.INTERRUPTED));
                airLog.broadcastEnded(started, new BroadcastEnd(afternoonStart.plusMillis(120_030), 120_021,
                        Outcome.INTERRUPTED, "Người vận hành dừng phát"));
                airLog.notAired(new NotAired("P" + afternoon + "@2026-11-02", "Chương trình chiều",
                        Instant.parse("2026-11-02T10:00:00Z"), 600_000, List.of(1L, 2L), List.of("Thôn 1", "Thôn 2"),
                        Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.MISSED, "Máy đài tắt lúc đến giờ phát"));
                ScratchAirLog.flush(airLog);
            } finally {
                ScratchAirLog.close(airLog);
            }

            var audit = ScratchAudit.open(db, clock);
            audit.append(new Entry("admin", "USER_CREATED", "USER", "2", "vanhanh", "{\"roles\":[\"OPERATOR\"]}",
                    "192.168.1.20", Via.UI));
            audit.append(new Entry("vanhanh", "AUDIO_IMPORTED", "AUDIO", String.valueOf(bulletinA),
                    "Hướng dẫn nộp hồ sơ trực tuyến", null, "192.168.1.21", Via.UI));
            audit.append(new Entry("lanhdao", "BULLETIN_APPROVED", "BULLETIN", String.valueOf(approvedA),
                    "Hướng dẫn nộp hồ sơ trực tuyến mức độ 4", null, "192.168.1.22", Via.UI));
            audit.append(new Entry("admin", "SETTING_CHANGED", "SETTING", "playout.grace.minutes",
                    "playout.grace.minutes", "{\"graceMinutes\":15}", "127.0.0.1", Via.API));
        }
    }

    private static long user(JdbcClient jdbc, String name, String display, String hash, String role, String at) {
        jdbc.sql("INSERT INTO app_user (username, display_name, password_hash, must_change_password, created_at, kind) "
                + "VALUES (?, ?, ?, 0, ?, 'PERSON')").params(name, display, hash, at).update();
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(name).query(Long.class).single();
        jdbc.sql("INSERT INTO app_user_role (user_id, role) VALUES (?, ?)").params(id, role).update();
        return id;
    }

    private static long asset(JdbcClient jdbc, Path audio, String title, String original, double seconds, int hz,
                              String at) throws Exception {
        Path tmp = Wavs.write16(audio.resolve("incoming.tmp"), 44_100, 1, Wavs.sine(44_100, 1, seconds, hz, 0.5));
        byte[] bytes = Files.readAllBytes(tmp);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String stored = original.replace(".wav", "") + "-" + sha.substring(0, 12) + ".wav";
        Files.move(tmp, audio.resolve(stored));
        long frames = Math.round(seconds * 44_100);
        jdbc.sql("""
                INSERT INTO audio_asset (title, original_filename, stored_name, sha256, size_bytes, container,
                    duration_ms, frames, sample_rate, channels, peak_dbfs, loudness_lufs, imported_at, imported_by)
                VALUES (?, ?, ?, ?, ?, 'WAV', ?, ?, 44100, 1, -6.02, -9.0, ?, 'vanhanh')""")
                .params(title, original, stored, sha, bytes.length, Math.round(seconds * 1000), frames, at).update();
        return jdbc.sql("SELECT id FROM audio_asset WHERE sha256 = ?").param(sha).query(Long.class).single();
    }

    private static long topic(JdbcClient jdbc, String code) {
        return jdbc.sql("SELECT id FROM cchc_topic WHERE code = ?").param(code).query(Long.class).single();
    }

    private static long bulletin(JdbcClient jdbc, long asset, String title, long topic, String state, String at) {
        jdbc.sql("""
                INSERT INTO bulletin (asset_id, title, topic_id, author, source, valid_from, valid_to, state,
                    created_by, created_at, approver, decided_at, edited_by)
                VALUES (?, ?, ?, 'Văn phòng UBND xã', 'Kế hoạch 32/KH-UBND', '2026-10-20', '2026-12-31', ?,
                    'vanhanh', ?, ?, ?, 'vanhanh')""")
                .params(asset, title, topic, state, at, "APPROVED".equals(state) ? "lanhdao" : null,
                        "APPROVED".equals(state) ? at : null).update();
        return jdbc.sql("SELECT max(id) FROM bulletin").query(Long.class).single();
    }

    private static long programme(JdbcClient jdbc, String name, String start, long opening, long closing, String at) {
        jdbc.sql("""
                INSERT INTO programme (name, days_mask, start_time, valid_from, valid_to, max_length_s, priority,
                    start_policy, wait_s, opening_asset_id, closing_asset_id, enabled, active_since_ms, created_by,
                    created_at, updated_at)
                VALUES (?, 127, ?, '2026-10-20', NULL, 1800, 'NORMAL', 'WAIT', 300, ?, ?, 1, ?, 'admin', ?, ?)""")
                .params(name, start, opening, closing, Instant.parse(at).toEpochMilli(), at, at).update();
        return jdbc.sql("SELECT max(id) FROM programme").query(Long.class).single();
    }

    private static void queue(JdbcClient jdbc, long programme, long bulletin, int position, String at) {
        jdbc.sql("""
                INSERT INTO queue_entry (programme_id, bulletin_id, from_date, to_date, position, created_by, created_at)
                VALUES (?, ?, '2026-10-20', '2026-12-31', ?, 'vanhanh', ?)""")
                .params(programme, bulletin, position, at).update();
    }
}
