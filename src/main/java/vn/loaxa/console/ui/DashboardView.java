package vn.loaxa.console.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;
import org.jspecify.annotations.Nullable;
import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.Formats;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.airlog.ui.OutcomeBadge;
import vn.loaxa.playout.LiveBroadcasts;
import vn.loaxa.playout.OnAir;
import vn.loaxa.playout.OnAirControl;
import vn.loaxa.playout.PlayoutEngine;
import vn.loaxa.playout.StationOutput;
import vn.loaxa.playout.VillageTest;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.schedule.ScheduleService;
import vn.loaxa.security.LoginThrottle;
import vn.loaxa.security.LoginThrottleProperties;
import vn.loaxa.security.ui.LockoutsPanel;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.zone.ZoneSwitchboard;
import vn.loaxa.zone.ui.VillageStatusList;

/**
 * What the operator needs at a glance: what is on air (live), what comes next, what aired today and
 * what needs attention. A one-second poll redraws only the on-air card; lists and alerts every 5 s,
 * the air log check every 5 minutes.
 */
@Route("")
@Menu(order = 0, title = "nav.home")
@PermitAll
class DashboardView extends Div implements HasDynamicTitle, BeforeEnterObserver {

    private final StationTime stationTime;

    static final int POLL_MS = 1000;
    private static final int LISTS_EVERY = 5;
    private static final int VERIFY_EVERY = 300;

    private final StationOutput player;
    private final ScheduleService schedule;
    private final AirLogService airLog;
    private final Alerts alerts;
    private final Clock clock;
    private final Map<Long, String> villageNames;

    private final Span clockText = new Span();
    private final Span onAirTitle = new Span();
    private final Span onAirItem = new Span();
    private final ProgressBar progress = new ProgressBar();
    private final Span timeLeft = new Span();
    private final Div onAirCard;
    private final Div emergencyBanner = new Div();
    private final Span onAirVillages = new Span();
    private final Span programmeLeft = new Span();
    private final Span nextIn = new Span();
    private final transient PlayoutEngine engine;
    private final @Nullable OnAirButtons onAirButtons;
    private final @Nullable LivePanel livePanel;
    /** The next broadcast not yet on air, from the 5-second list refresh; its countdown moves every second. */
    private @Nullable Occurrence upcoming;
    private final Div alertList = new Div();
    private final Grid<Occurrence> next = new Grid<>();
    private final Grid<LoggedBroadcast> today = new Grid<>();
    private final VillageStatusList villageStatus;
    private final @Nullable VillageTestPanel villageTest;
    private final @Nullable LockoutsPanel lockouts;
    private final WaitingApprovals.@Nullable Card waiting;
    private Registration poll;
    private int ticks;

    DashboardView(StationOutput player, ScheduleService schedule, AirLogService airLog, Alerts alerts,
                  VillageService villages, Clock clock, ZoneSwitchboard switchboard, VillageTest villageTest,
                  AuthenticationContext auth, LoginThrottle throttle, LoginThrottleProperties throttleLimits, StationTime stationTime,
                  BulletinService bulletins, PlayoutEngine engine, OnAirControl onAirControl, LiveBroadcasts live) {
        this.stationTime = stationTime;
        this.engine = engine;
        this.player = player;
        this.schedule = schedule;
        this.airLog = airLog;
        this.alerts = alerts;
        this.clock = clock;
        // In the villages' own order (position), as every list of villages is shown.
        this.villageNames = villages.findAll().stream().collect(Collectors.toMap(Village::id, Village::name,
                (a, b) -> a, java.util.LinkedHashMap::new));
        addClassName("loaxa-dashboard");

        clockText.addClassName("loaxa-clock");
        var head = new Div(new H1(getTranslation("home.title")), clockText);
        head.addClassName("loaxa-view-head");

        onAirTitle.addClassName("loaxa-onair-title");
        onAirItem.addClassName("loaxa-onair-item");
        timeLeft.addClassName("loaxa-onair-left");
        emergencyBanner.addClassName("loaxa-emergency-banner");
        emergencyBanner.setId("emergency-banner");
        onAirVillages.addClassName("loaxa-onair-item");
        programmeLeft.addClassName("loaxa-onair-left");
        programmeLeft.setId("programme-left");
        nextIn.addClassName("loaxa-muted");
        nextIn.setId("next-in");
        var onAir = card("ui.dashboard.onAir", emergencyBanner, onAirTitle, onAirVillages, onAirItem, progress,
                timeLeft, programmeLeft);
        onAirButtons = auth.hasAnyRole("ADMIN", "OPERATOR", "APPROVER")
                ? new OnAirButtons(onAirControl, auth.getPrincipalName().orElse("?"), "dashboard") : null;
        if (onAirButtons != null) {
            onAir.add(onAirButtons);
        }
        livePanel = auth.hasAnyRole("ADMIN", "OPERATOR", "APPROVER")
                ? new LivePanel(live, villages.findAll(), auth.getPrincipalName().orElse("?"), clock) : null;
        if (livePanel != null) {
            onAir.add(livePanel);
        }
        onAir.add(nextIn);
        onAir.setId("on-air");
        onAir.addClassName("loaxa-onair");
        this.onAirCard = onAir;
        alertList.setId("alerts");

        next.addColumn(o -> stationTime.formatDateTime(o.plannedStart())).setHeader(getTranslation("ui.dashboard.when"))
                .setAutoWidth(true).setFlexGrow(0);
        next.addColumn(Occurrence::title).setHeader(getTranslation("ui.dashboard.programme")).setFlexGrow(3);
        next.addColumn(o -> Formats.duration(o.nominalMs())).setHeader(getTranslation("ui.dashboard.length"))
                .setAutoWidth(true).setFlexGrow(0);
        next.addColumn(o -> villagesOf(o.villageIds())).setHeader(getTranslation("ui.dashboard.villages"))
                .setFlexGrow(1);
        next.setId("next-grid");
        today.addColumn(b -> stationTime.formatTime(b.plannedStart())).setHeader(getTranslation("ui.dashboard.planned"))
                .setAutoWidth(true).setFlexGrow(0);
        today.addColumn(b -> stationTime.formatTime(b.actualStart())).setHeader(getTranslation("ui.dashboard.started"))
                .setAutoWidth(true).setFlexGrow(0);
        today.addColumn(LoggedBroadcast::title).setHeader(getTranslation("ui.dashboard.programme")).setFlexGrow(1);
        today.addComponentColumn(b -> OutcomeBadge.of(this, b.outcome()))
                .setHeader(getTranslation("ui.dashboard.outcome")).setAutoWidth(true).setFlexGrow(0);
        today.setId("today-grid");
        for (var g : List.of(next, today)) {
            g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            g.setEmptyStateText(getTranslation("ui.empty"));
            g.setAllRowsVisible(true);
        }

        villageStatus = new VillageStatusList(switchboard, stationTime);
        var villagesCard = card("ui.zone.villages", villageStatus);
        villagesCard.setId("villages-card");
        // Testing switches loudspeakers in every village: for those who may put the station on air.
        this.villageTest = auth.hasAnyRole("ADMIN", "OPERATOR")
                ? new VillageTestPanel(villageTest, player, switchboard, clock, villageStatus::refresh, stationTime) : null;
        if (this.villageTest != null) {
            villagesCard.add(this.villageTest);
        }

        var left = new Div(onAir, card("ui.dashboard.alerts", alertList), villagesCard);
        // Who is held back from logging in, and a way to let them in: for admins only.
        this.lockouts = auth.hasRole("ADMIN") ? new LockoutsPanel(throttle, throttleLimits, stationTime) : null;
        if (this.lockouts != null) {
            var lockoutsCard = card("ui.lockouts.title", this.lockouts);
            lockoutsCard.setId("lockouts-card");
            left.add(lockoutsCard);
        }
        var right = new Div(card("ui.dashboard.next", next), card("ui.dashboard.today", today));
        // Waiting bulletins, for those who can approve them.
        this.waiting = auth.hasAnyRole("ADMIN", "APPROVER") ? new WaitingApprovals.Card(bulletins) : null;
        if (this.waiting != null) {
            right.addComponentAsFirst(this.waiting);
        }
        var columns = Columns.of(left, right);
        add(head, columns);
    }

    /** Also when the operator clicks Home while already there: the lists are read fresh. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // The lists first: the on-air card counts down to the next broadcast they find.
        refreshLists(false);
        refreshOnAir();
    }

    private Div card(String titleKey, Component... content) {
        var card = new Div(new H3(getTranslation(titleKey)));
        card.add(content);
        card.addClassName("loaxa-card");
        return card;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        var ui = event.getUI();
        ui.setPollInterval(POLL_MS);
        poll = ui.addPollListener(e -> tick());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        // The poll goes on: the layout's now-playing bar redraws on it on every page.
        if (poll != null) {
            poll.remove();
        }
    }

    void tick() {
        ticks++;
        refreshOnAir();
        if (ticks % LISTS_EVERY == 0) {
            refreshLists(ticks % VERIFY_EVERY == 0);
        }
    }

    void refreshOnAir() {
        var now = clock.instant();
        clockText.setText(stationTime.formatDateTimeSeconds(now));
        var broadcast = engine.onAir().orElse(null);
        refreshBroadcast(broadcast, now);
        if (livePanel != null) {
            livePanel.refresh();
        }
        var playing = player.nowPlaying();
        if (playing.isEmpty()) {
            onAirTitle.setText(getTranslation(player.isBusy() ? "ui.dashboard.starting" : "home.nowPlaying.none"));
            onAirItem.setText("");
            progress.setVisible(false);
            timeLeft.setText("");
            getElement().removeAttribute("data-on-air");
            return;
        }
        var n = playing.get();
        onAirTitle.setText(n.broadcast());
        onAirItem.setText(getTranslation("ui.dashboard.item", n.itemIndex() + 1, n.itemCount(), n.item()));
        long elapsed = Duration.between(n.itemStartedAt(), now).toMillis();
        // A live voice has no length: its nominal is only the longest it may run, not time left.
        boolean live = Occurrence.isLiveKey(engine.onAirKey().orElse(""));
        progress.setVisible(n.itemDurationMs() > 0 && !live);
        timeLeft.setVisible(!live);
        if (n.itemDurationMs() > 0 && !live) {
            progress.setValue(Math.min(1.0, Math.max(0.0, elapsed / (double) n.itemDurationMs())));
            timeLeft.setText(getTranslation("ui.dashboard.left", Formats.duration(n.itemDurationMs() - elapsed)));
        }
        getElement().setAttribute("data-on-air", n.broadcast());
    }

    /**
     * The broadcast on air as the engine knows it (its villages, an emergency's red banner, what is
     * left of the programme, the stop and skip buttons), and the countdown to the next one. The
     * card's coloured edge marks a broadcast on air, red for an emergency; an idle card has none.
     */
    private void refreshBroadcast(@Nullable OnAir broadcast, Instant now) {
        if (onAirButtons != null) {
            onAirButtons.show(broadcast);
        }
        boolean emergency = broadcast != null && broadcast.emergency();
        onAirCard.setClassName("loaxa-onair-live", broadcast != null);
        onAirCard.setClassName("loaxa-onair-emergency", emergency);
        emergencyBanner.setVisible(emergency);
        onAirVillages.setVisible(broadcast != null);
        programmeLeft.setVisible(broadcast != null && broadcast.now() != null);
        if (broadcast != null) {
            var villages = NowPlayingBar.villagesOf(this, broadcast);
            emergencyBanner.setText(getTranslation("ui.dashboard.emergencyBanner", villages));
            onAirVillages.setText(getTranslation("ui.dashboard.villagesOnAir", villages));
            programmeLeft.setText(broadcast.live()
                    ? getTranslation("ui.dashboard.spoken", Formats.duration(broadcast.elapsedMs(now)))
                    : getTranslation("ui.dashboard.programmeLeft",
                    Formats.duration(NowPlayingBar.remainingMs(broadcast, clock))));
        }
        var following = upcoming;
        if (following != null && broadcast != null && following.key().equals(broadcast.key())) {
            following = null;
        }
        nextIn.setText(following == null ? getTranslation("ui.dashboard.noNext")
                : getTranslation("ui.dashboard.nextIn", following.title(),
                stationTime.formatTime(following.plannedStart()),
                Formats.duration(Duration.between(now, following.plannedStart()).toMillis())));
    }

    void refreshLists(boolean verifyLog) {
        var now = clock.instant();
        var planned = schedule.plan(now, now.plus(Duration.ofHours(24)));
        next.setItems(planned);
        upcoming = planned.stream().filter(o -> o.plannedStart().isAfter(now)).findFirst().orElse(null);
        var dayStart = stationTime.startOfDay(stationTime.date(now));
        var logged = airLog.all(dayStart, dayStart.plus(Duration.ofDays(1)));
        today.setItems(logged);
        villageStatus.refresh();
        if (villageTest != null) {
            villageTest.refresh();
        }
        if (lockouts != null) {
            lockouts.refresh();
        }
        if (waiting != null) {
            waiting.refresh();
        }
        alertList.removeAll();
        var messages = alerts.current(getLocale(), logged, verifyLog);
        if (messages.isEmpty()) {
            var ok = new Div(getTranslation("ui.dashboard.noAlerts"));
            ok.addClassName("loaxa-ok");
            alertList.add(ok);
        }
        for (var m : messages) {
            var d = new Div(m);
            d.addClassName("loaxa-alert");
            alertList.add(d);
        }
        var backup = new Div(alerts.lastBackup(getLocale()));
        backup.setId("last-backup");
        alertList.add(backup);
    }

    private String villagesOf(List<Long> ids) {
        if (!ids.isEmpty() && ids.size() == villageNames.size()) {
            return getTranslation("ui.villages.all");
        }
        var names = new ArrayList<String>();
        villageNames.forEach((id, name) -> {
            if (ids.contains(id)) {
                names.add(name);
            }
        });
        ids.stream().filter(id -> !villageNames.containsKey(id)).forEach(id -> names.add("#" + id));
        return String.join(", ", names);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("home.title") + " | " + getTranslation("app.name");
    }
}
