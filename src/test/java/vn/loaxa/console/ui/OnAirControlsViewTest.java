package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.audio.output.SimulatedLine;
import vn.loaxa.audio.output.SimulatedPort;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.playout.OnAir;
import vn.loaxa.playout.PlayoutEngine;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.UiTest;
import vn.loaxa.testing.Wavs;

/**
 * "Dừng phát" and "Bỏ qua mục này" as a person meets them: on the dashboard, in the now-playing bar
 * of every page and in the emergency dialog, each behind a confirmation, acting on the running
 * engine (its output a simulated line on the real clock); the on-air card's colours and the red
 * banner of an emergency with its villages.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(username = "can.bo.dai", roles = "OPERATOR")
class OnAirControlsViewTest extends UiTest {

    @DynamicPropertySource
    static void ownStation(DynamicPropertyRegistry registry) {
        registry.add(SpringTest.OWN_DATA_DIR, () -> SpringTest.ROOT.resolve("data-ui-onair").toString());
        registry.add(SpringTest.OWN_AUDIO_DIR, () -> SpringTest.ROOT.resolve("audio-ui-onair").toString());
    }

    @TestConfiguration
    static class SimulatedOutput {
        @Bean
        @Primary
        SimulatedPort simulatedPort() {
            return new SimulatedPort(SimulatedLine.REAL_TIME);
        }
    }

    private static final int RATE = 44_100;

    @Autowired LibraryService library;
    @Autowired OneOffService oneOffs;
    @Autowired VillageService villages;
    @Autowired PlayoutEngine engine;
    @Autowired AirLogService airLog;
    @Autowired JdbcClient jdbc;
    @TempDir Path tmp;

    @Test
    void an_operator_skips_an_item_on_the_dashboard_and_stops_the_broadcast_from_the_bar_each_after_confirming()
            throws Exception {
        awaitIdle();
        var view = navigate(DashboardView.class);
        view.tick();
        var card = find(Div.class).id("on-air");
        assertThat(card.getClassNames()).as("idle: no coloured edge").doesNotContain("loaxa-onair-live",
                "loaxa-onair-emergency");
        assertThat(bar().isVisible()).as("the bar hides while idle").isFalse();
        assertThat(byId("dashboard-onair-stop").getParent().orElseThrow().isVisible()).as("no buttons while idle")
                .isFalse();

        var village = villages.findAll().getFirst();
        var key = onAirSoon("Chương trình sáng thứ hai", Priority.NORMAL, asset(3_000, 20), asset(6_000, 3));
        awaitOnAir(key, 0);
        view.tick();
        bar().refresh();
        assertThat(card.getClassNames()).contains("loaxa-onair-live").doesNotContain("loaxa-onair-emergency");
        assertThat(byId("emergency-banner").isVisible()).isFalse();
        assertThat(card.getElement().getTextRecursively()).contains("Chương trình sáng thứ hai")
                .contains("Đến các thôn: " + village.name()).contains("Chương trình còn 0:2");
        assertThat(bar().isVisible()).isTrue();
        assertThat(bar().getElement().getTextRecursively()).contains("Đang phát").contains("Chương trình sáng thứ hai")
                .contains(village.name());

        test(find(Button.class).id("dashboard-onair-skip")).click();
        var skipConfirm = find(ConfirmDialog.class).id("dashboard-onair-skip-confirm");
        assertThat(skipConfirm.getElement().getProperty("message")).contains("mục 1/2");
        test(skipConfirm).confirm();
        awaitOnAir(key, 1);
        assertThat(notices()).contains("Đã bỏ qua");

        bar().refresh();
        test(find(Button.class).id("bar-onair-stop")).click();
        test(find(ConfirmDialog.class).id("bar-onair-stop-confirm")).cancel();
        Thread.sleep(500);
        assertThat(engine.onAir()).as("cancelled: still on air").isPresent();
        test(find(Button.class).id("bar-onair-stop")).click();
        test(find(ConfirmDialog.class).id("bar-onair-stop-confirm")).confirm();
        var end = awaitEnd(key);
        assertThat(end.get("outcome")).isEqualTo("STOPPED");
        assertThat(end.get("triggered_by")).isEqualTo("can.bo.dai");
        var items = jdbc.sql("SELECT outcome FROM air_log WHERE kind = 'ITEM' AND occurrence_key = ? ORDER BY seq")
                .param(key).query(String.class).list();
        assertThat(items).containsExactly("SKIPPED", "STOPPED");

        awaitIdle();
        view.tick();
        bar().refresh();
        assertThat(card.getClassNames()).doesNotContain("loaxa-onair-live");
        assertThat(bar().isVisible()).isFalse();
    }

    @Test
    void an_emergency_on_air_shows_a_red_banner_with_its_villages_and_can_be_stopped_from_the_emergency_dialog()
            throws Exception {
        awaitIdle();
        var key = onAirSoon("Cảnh báo bão số 3", Priority.EMERGENCY, asset(9_000, 20));
        awaitOnAir(key, 0);
        var view = navigate(DashboardView.class);
        view.tick();
        var card = find(Div.class).id("on-air");
        assertThat(card.getClassNames()).contains("loaxa-onair-live", "loaxa-onair-emergency");
        var banner = find(Div.class).id("emergency-banner");
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).startsWith("ĐANG PHÁT KHẨN CẤP đến: ")
                .contains(villages.findAll().getFirst().name());
        bar().refresh();
        assertThat(bar().getElement().hasAttribute("data-emergency")).isTrue();
        assertThat(bar().getElement().getTextRecursively()).contains("KHẨN CẤP");

        // The red button is in the header of every page; its dialog covers the page, and the bar with it.
        test(find(Button.class).id("emergency-button")).click();
        var inDialog = (NowPlayingBar) find(Div.class).id("emergency-now-playing");
        inDialog.refresh();
        assertThat(inDialog.isVisible()).isTrue();
        test(find(Button.class).id("emergency-onair-stop")).click();
        var confirm = find(ConfirmDialog.class).id("emergency-onair-stop-confirm");
        assertThat(confirm.getElement().getProperty("message")).contains("Cảnh báo bão số 3");
        test(confirm).confirm();
        var end = awaitEnd(key);
        assertThat(end.get("outcome")).isEqualTo("STOPPED");
        assertThat(end.get("triggered_by")).isEqualTo("can.bo.dai");
    }

    /** The layout's bar, visible or not (finding by id sees visible components only). */
    private NowPlayingBar bar() {
        return (NowPlayingBar) byId("now-playing-bar");
    }

    private static Component byId(String id) {
        return descendants(UI.getCurrent()).filter(c -> id.equals(c.getId().orElse(null))).findFirst().orElseThrow();
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(OnAirControlsViewTest::descendants));
    }

    private String notices() {
        return String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
    }

    private String onAirSoon(String title, Priority priority, AudioAsset... assets) {
        var village = villages.findAll().getFirst().id();
        var ids = Arrays.stream(assets).map(AudioAsset::id).toList();
        var oneOff = RunAs.run("admin", "ADMIN", () -> priority == Priority.EMERGENCY
                ? oneOffs.emergency(title, ids, List.of(village), "Kiểm tra dừng phát khẩn cấp")
                : oneOffs.schedule(title, Instant.now().plusSeconds(3), ids, List.of(village), priority, null));
        return "O" + oneOff.id();
    }

    private OnAir awaitOnAir(String key, int item) throws InterruptedException {
        long limit = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < limit) {
            var onAir = engine.onAir().orElse(null);
            if (onAir != null && onAir.key().equals(key) && onAir.now() != null && onAir.programmeItem() == item) {
                Thread.sleep(300);
                return engine.onAir().orElseThrow();
            }
            Thread.sleep(20);
        }
        throw new AssertionError(key + " item " + item + " never on air: "
                + jdbc.sql("SELECT kind, outcome, reason FROM air_log WHERE occurrence_key = ?").param(key).query()
                .listOfRows());
    }

    private void awaitIdle() throws InterruptedException {
        long limit = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (engine.onAir().isPresent() && System.nanoTime() < limit) {
            Thread.sleep(50);
        }
        assertThat(engine.onAir()).isEmpty();
    }

    private Map<String, Object> awaitEnd(String key) throws InterruptedException {
        long limit = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < limit) {
            airLog.flush(Duration.ofSeconds(5));
            var rows = jdbc.sql("SELECT * FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key).query()
                    .listOfRows();
            if (!rows.isEmpty()) {
                return rows.getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no END row for " + key);
    }

    private AudioAsset asset(int value, int seconds) throws Exception {
        short[] samples = new short[RATE * seconds];
        Arrays.fill(samples, (short) value);
        var file = Wavs.write16(tmp.resolve("dc" + value + "-" + System.nanoTime() + ".wav"), RATE, 1, samples);
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("admin", "ADMIN", () -> library.importFile(in, "dc" + value + ".wav",
                    "Tín hiệu " + value + " " + System.nanoTime(), "test")).asset();
        }
    }
}
