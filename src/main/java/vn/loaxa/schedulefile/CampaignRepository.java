package vn.loaxa.schedulefile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import vn.loaxa.station.StationSettings;

/** Campaigns (migration V0006), and the station names a schedule file carries. */
@Repository
class CampaignRepository {

    private final JdbcClient jdbc;
    private final StationSettings settings;

    CampaignRepository(JdbcClient jdbc, StationSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    List<Campaign> findAll() {
        return jdbc.sql("SELECT id, name, from_date, to_date, note FROM campaign ORDER BY position, id")
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    var codes = jdbc.sql("""
                                    SELECT t.code FROM campaign_topic ct JOIN cchc_topic t ON t.id = ct.topic_id
                                    WHERE ct.campaign_id = ? ORDER BY ct.position""")
                            .param(id).query(String.class).list();
                    return new Campaign(id, rs.getString("name"), LocalDate.parse(rs.getString("from_date")),
                            LocalDate.parse(rs.getString("to_date")), codes, rs.getString("note"));
                }).list();
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM campaign").update();
    }

    void insert(Campaign c, List<Long> topicIds, int position) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO campaign (name, from_date, to_date, note, position) VALUES (?, ?, ?, ?, ?)")
                .params(c.name(), c.from().toString(), c.to().toString(), c.note(), position).update(keys, "id");
        long id = keys.getKey().longValue();
        for (int i = 0; i < topicIds.size(); i++) {
            jdbc.sql("INSERT INTO campaign_topic (campaign_id, topic_id, position) VALUES (?, ?, ?)")
                    .params(id, topicIds.get(i), i + 1).update();
        }
    }

    /** The names live in the station settings, the one place the UI and the reports read them from. */
    Optional<StationProfile> profile() {
        return Optional.of(new StationProfile(settings.communeName(), settings.stationName()));
    }

    void saveProfile(StationProfile p, String by, Instant now) {
        settings.setFromScheduleFile(p.commune(), p.stationName(), by);
    }
}
