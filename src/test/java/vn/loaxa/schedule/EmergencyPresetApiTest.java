package vn.loaxa.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.AirLogRecords.Query;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.playout.PlayoutEngine;
import vn.loaxa.schedule.EmergencyPreset.Draft;
import vn.loaxa.schedule.EmergencyPreset.Siren;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.AiredOneOffs;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

/**
 * Emergency presets through the API and the service, on the shared station: who may list and
 * order them, that an order is the same emergency one-off the red button stores (and the engine
 * airs it, logged as an emergency by whoever ordered it), to the preset's villages, and that two
 * people ordering the same preset at once air it once.
 */
class EmergencyPresetApiTest extends SpringTest {

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    LibraryService library;
    @Autowired
    VillageService villages;
    @Autowired
    EmergencyPresetService presets;
    @Autowired
    OneOffService oneOffs;
    @Autowired
    EmergencyRights rights;
    @Autowired
    AirLogService airLog;
    @Autowired
    PlayoutEngine engine;
    @Autowired
    Clock clock;
    @TempDir
    Path tmp;

    Api api;
    JsonMapper json = JsonMapper.builder().build();
    AudioAsset message;
    List<Village> inUse;
    java.util.Set<Long> oneOffsBefore = java.util.Set.of();

    @BeforeEach
    void setUp() {
        api = new Api(port);
        for (var u : List.of(new String[] {"preset-op", "OPERATOR"}, new String[] {"preset-leader", "APPROVER"},
                new String[] {"preset-officer", "REPORTER"})) {
            if (users.find(u[0]).isEmpty()) {
                RunAs.run("admin", "ADMIN", () -> users.create(u[0], u[0], "Preset-pass-2026", EnumSet.of(Role.valueOf(u[1])),
                        false));
            }
        }
        message = RunAs.run("admin", "ADMIN", () -> TestAssets.wav(library, tmp, "Tin báo lũ khẩn", 0.4));
        inUse = villages.findAll().stream().filter(Village::enabled).toList();
        var now = clock.instant();
        oneOffsBefore = oneOffs.findBetween(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))).stream()
                .map(OneOff::id).collect(Collectors.toSet());
    }

    /** Emergencies ordered here really play on the shared station: let them end before the next test. */
    @AfterEach
    void letOrderedEmergenciesFinish() throws InterruptedException {
        var now = clock.instant();
        var keys = oneOffs.findBetween(now.minus(Duration.ofMinutes(15)), now.plusSeconds(5)).stream()
                .filter(o -> !oneOffsBefore.contains(o.id())).map(OneOff::key).toList();
        AiredOneOffs.awaitEnded(airLog, engine, keys, Duration.ofSeconds(60));
    }

    @Test
    void a_new_station_has_storm_flood_fire_and_power_cut_presets_with_a_siren_and_a_text() throws Exception {
        var response = api.get("/api/emergency-presets", "preset-op", "Preset-pass-2026");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Map<String, Object>> body = json.readValue(response.body(), List.class);
        var names = body.stream().map(p -> (String) p.get("name")).toList();
        assertThat(names).contains("Bão", "Lũ", "Cháy", "Mất điện");
        var storm = body.stream().filter(p -> "Bão".equals(p.get("name"))).findFirst().orElseThrow();
        assertThat(storm.get("siren")).isEqualTo("TONE");
        assertThat((String) storm.get("messageText")).contains("bão");
    }

    @Test
    void an_approver_orders_a_preset_and_the_engine_airs_it_as_an_emergency_by_them() throws Exception {
        var two = List.of(inUse.get(0).id(), inUse.get(1).id());
        var preset = save(new Draft("Lũ quét " + System.nanoTime(), Siren.NONE, null, message.id(), "Lũ quét", two, 2));

        var response = api.postJson("/api/emergency-presets/" + preset.id() + "/order", "preset-leader",
                "Preset-pass-2026", "", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Map<String, Object> body = json.readValue(response.body(), Map.class);
        var stored = oneOffs.require(((Number) body.get("id")).longValue());
        assertThat(stored.priority()).isEqualTo(Priority.EMERGENCY);
        assertThat(stored.startPolicy()).isEqualTo(StartPolicy.CUT);
        assertThat(stored.assetIds()).as("the message, twice").containsExactly(message.id(), message.id());
        assertThat(stored.villageIds()).containsExactlyInAnyOrderElementsOf(two);
        assertThat(stored.createdBy()).isEqualTo("preset-leader");
        assertThat(stored.reason()).isEqualTo("Mẫu phát khẩn cấp: " + preset.name());
        var logged = awaitLogged(stored.key());
        assertThat(logged.trigger()).isEqualTo(Trigger.EMERGENCY);
        assertThat(logged.triggeredBy()).isEqualTo("preset-leader");
        assertThat(logged.villageIds()).containsExactlyInAnyOrderElementsOf(two);
        assertThat(logged.priority()).isEqualTo(Priority.EMERGENCY);
    }

    @Test
    void a_seeded_preset_plays_the_generated_siren_repeated_to_every_village() throws Exception {
        var flood = RunAs.run("preset-op", "OPERATOR", () -> presets.findAll()).stream()
                .filter(p -> p.name().equals("Lũ")).findFirst().orElseThrow();

        var response = api.postJson("/api/emergency-presets/" + flood.id() + "/order", "preset-op",
                "Preset-pass-2026", "", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var stored = oneOffs.require(json.readTree(response.body()).get("id").asLong());
        var siren = library.find(stored.assetIds().getFirst()).orElseThrow();
        assertThat(siren.title()).isEqualTo("Còi báo động");
        assertThat(siren.durationMs()).isEqualTo(SirenTone.SECONDS * 1000L);
        assertThat(stored.assetIds()).hasSize(flood.repeatCount() * (flood.messageAssetId() == null ? 1 : 2));
        assertThat(stored.villageIds()).containsExactlyInAnyOrderElementsOf(inUse.stream().map(Village::id).toList());
        assertThat(presets.require(flood.id()).sirenAssetId()).as("made once, kept").isEqualTo(siren.id());
    }

    @Test
    void a_reporter_may_neither_list_nor_order_and_an_operator_may_not_edit() throws Exception {
        var preset = save(new Draft("Sạt lở " + System.nanoTime(), Siren.NONE, null, message.id(), null, List.of(), 1));
        assertThat(api.get("/api/emergency-presets", "preset-officer", "Preset-pass-2026").statusCode()).isEqualTo(403);
        assertThat(api.postJson("/api/emergency-presets/" + preset.id() + "/order", "preset-officer",
                "Preset-pass-2026", "", null).statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> RunAs.run("preset-op", "OPERATOR", () -> presets.save(null,
                new Draft("Của cán bộ đài", Siren.TONE, null, null, null, List.of(), 1))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> RunAs.run("preset-op", "OPERATOR", () -> {
            presets.delete(preset.id());
            return null;
        })).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_emergency_roles_setting_decides_who_may_order() throws Exception {
        var preset = save(new Draft("Dịch bệnh " + System.nanoTime(), Siren.NONE, null, message.id(), null,
                List.of(), 1));
        var before = rights.emergencyRoles();
        RunAs.run("admin", "ADMIN", () -> {
            rights.setEmergencyRoles(EnumSet.of(Role.ADMIN, Role.APPROVER));
            return null;
        });
        try {
            var refused = api.postJson("/api/emergency-presets/" + preset.id() + "/order", "preset-op",
                    "Preset-pass-2026", "", null);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("không được ra lệnh phát khẩn cấp");
        } finally {
            RunAs.run("admin", "ADMIN", () -> {
                rights.setEmergencyRoles(before);
                return null;
            });
        }
    }

    @Test
    void bad_presets_are_refused_with_the_reason_and_nothing_is_stored() {
        var name = "Cháy rừng " + System.nanoTime();
        save(new Draft(name, Siren.NONE, null, message.id(), null, List.of(), 1));
        var count = RunAs.run("admin", "ADMIN", () -> presets.findAll()).size();

        assertRefused(new Draft(name, Siren.NONE, null, message.id(), null, List.of(), 1), "DUPLICATE_NAME");
        assertRefused(new Draft("  ", Siren.TONE, null, null, null, List.of(), 1), "BLANK_NAME");
        assertRefused(new Draft("Lặp quá nhiều", Siren.TONE, null, null, null, List.of(), 9), "BAD_REPEAT");
        assertRefused(new Draft("Còi thiếu tệp", Siren.ASSET, null, null, null, List.of(), 1), "NO_SIREN");
        assertRefused(new Draft("Thôn lạ", Siren.TONE, null, null, null, List.of(987_654L), 1), "UNKNOWN_VILLAGE");
        assertRefused(new Draft("Tệp lạ", Siren.NONE, null, 987_654L, null, List.of(), 1), "UNKNOWN_ASSET");
        assertRefused(new Draft("Không có gì", Siren.NONE, null, null, null, List.of(), 1), "NOTHING_TO_PLAY");
        assertThat(RunAs.run("admin", "ADMIN", () -> presets.findAll())).hasSize(count);
    }

    @Test
    void two_people_ordering_the_same_preset_at_once_air_it_once() throws Exception {
        var preset = save(new Draft("Cháy chợ " + System.nanoTime(), Siren.NONE, null, message.id(), null,
                List.of(inUse.getFirst().id()), 1));
        var callers = List.of("preset-op", "preset-leader", "admin", "preset-op", "preset-leader", "admin");
        var gate = new CountDownLatch(1);
        var codes = Collections.synchronizedList(new ArrayList<Integer>());
        try (var pool = Executors.newFixedThreadPool(callers.size())) {
            var tasks = new ArrayList<Callable<Void>>();
            for (var user : callers) {
                tasks.add(() -> {
                    gate.await();
                    var password = user.equals("admin") ? ADMIN_PASSWORD : "Preset-pass-2026";
                    var r = api.postJson("/api/emergency-presets/" + preset.id() + "/order", user, password, "", null);
                    codes.add(r.statusCode());
                    if (r.statusCode() == 400) {
                        assertThat(r.body()).contains("PRESET_JUST_ORDERED");
                    }
                    return null;
                });
            }
            var futures = tasks.stream().map(pool::submit).toList();
            gate.countDown();
            for (var f : futures) {
                f.get();
            }
        }
        assertThat(codes).containsOnly(201, 400);
        assertThat(codes.stream().filter(c -> c == 201).count()).as("ordered once").isEqualTo(1);
        var now = clock.instant();
        var stored = oneOffs.findBetween(now.minus(Duration.ofMinutes(5)), now.plusSeconds(5)).stream()
                .filter(o -> !oneOffsBefore.contains(o.id()) && o.title().equals(preset.name())).toList();
        assertThat(stored).hasSize(1);
    }

    private EmergencyPreset save(Draft draft) {
        return RunAs.run("admin", "ADMIN", () -> presets.save(null, draft));
    }

    private void assertRefused(Draft draft, String code) {
        assertThatThrownBy(() -> save(draft)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private LoggedBroadcast awaitLogged(String key) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var now = clock.instant();
            var found = airLog.query(new Query(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), null,
                    null, null, 0, 1000)).rows().stream()
                    .filter(b -> b.occurrenceKey().equals(key) && b.outcome() != null).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(key + " was not logged as ended within 30 s");
    }
}
