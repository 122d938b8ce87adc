package vn.loaxa.airlog.ui;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import jakarta.annotation.security.PermitAll;
import vn.loaxa.airlog.AirLogCsv;
import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.AirLogRecords.LoggedItem;
import vn.loaxa.airlog.AirLogRecords.Query;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.ColumnsByWidth;
import vn.loaxa.base.ui.Formats;
import vn.loaxa.base.ui.Pickers;
import vn.loaxa.bulletin.Topic;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * The as-played log, read only: filters, lazy paging straight from SQLite (tens of thousands of
 * rows never load at once), the CSV the office opens in Excel, and the chain check.
 */
@Route("airlog")
@Menu(order = 7, title = "ui.nav.airlog")
@PermitAll
class AirLogView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final AirLogService airLog;
    private final DatePicker from;
    private final DatePicker to;
    private final Select<Village> village = new Select<>();
    private final Select<Topic> topic = new Select<>();
    private final Select<Outcome> outcome = new Select<>();
    private final Grid<LoggedBroadcast> grid = new Grid<>();
    private final Div verifyResult = new Div();

    AirLogView(AirLogService airLog, VillageService villages, TopicService topics, StationTime stationTime) {
        this.stationTime = stationTime;
        this.airLog = airLog;
        addClassName("loaxa-page");
        var today = stationTime.today();
        from = Pickers.date(getTranslation("ui.queue.from"));
        from.setValue(today.withDayOfMonth(1));
        to = Pickers.date(getTranslation("ui.queue.to"));
        to.setValue(today);
        village.setLabel(getTranslation("ui.dashboard.villages"));
        village.setItems(villages.findAll());
        village.setItemLabelGenerator(v -> v == null ? getTranslation("ui.all") : v.name());
        topic.setLabel(getTranslation("ui.bulletins.topic"));
        topic.setItems(topics.findAll());
        topic.setItemLabelGenerator(t -> t == null ? getTranslation("ui.all") : t.name());
        outcome.setLabel(getTranslation("ui.dashboard.outcome"));
        outcome.setItems(Outcome.values());
        outcome.setItemLabelGenerator(o -> o == null ? getTranslation("ui.all") : getTranslation("airlog.outcome." + o));
        for (var s : new Select<?>[] {village, topic, outcome}) {
            s.setEmptySelectionAllowed(true);
            s.setEmptySelectionCaption(getTranslation("ui.all"));
        }
        from.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        to.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        village.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        topic.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        outcome.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        var csv = new Anchor(DownloadHandler.fromInputStream(event -> {
            var out = new java.io.ByteArrayOutputStream();
            var q = query(0, 1);
            AirLogCsv.write(airLog.all(q.from(), q.to()), stationTime.zone(), getLocale(), out);
            return new DownloadResponse(new java.io.ByteArrayInputStream(out.toByteArray()),
                    "nhat-ky-phat-" + from.getValue() + "-" + to.getValue() + ".csv", "text/csv;charset=UTF-8",
                    out.size());
        }), "");
        csv.add(new Button(getTranslation("ui.airlog.csv"), VaadinIcon.DOWNLOAD.create()));
        csv.setId("airlog-csv");
        var verify = new Button(getTranslation("ui.airlog.verify"), VaadinIcon.CHECK_CIRCLE.create(), e -> verify());
        verify.setId("airlog-verify");
        verifyResult.setId("verify-result");
        var filters = new Div(from, to, village, topic, outcome, csv, verify);
        filters.addClassName("loaxa-toolbar");
        filters.addClassName("loaxa-filters");

        grid.addColumn(b -> stationTime.formatDateTime(b.plannedStart())).setHeader(getTranslation("airlog.csv.planned"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(b -> stationTime.formatTimeSeconds(b.actualStart())).setHeader(getTranslation("airlog.csv.start"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(b -> startError(b.startErrorMs())).setHeader(getTranslation("airlog.startError"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(LoggedBroadcast::title).setHeader(getTranslation("airlog.csv.title")).setFlexGrow(2);
        grid.addColumn(b -> b.items().stream().map(i -> i.topicName()).filter(java.util.Objects::nonNull).distinct()
                .collect(Collectors.joining(", "))).setHeader(getTranslation("airlog.csv.topic")).setFlexGrow(1);
        grid.addColumn(LoggedBroadcast::villageNames).setHeader(getTranslation("airlog.csv.villages")).setFlexGrow(1);
        grid.addColumn(b -> b.actualMs() == null ? "" : Formats.duration(b.actualMs()))
                .setHeader(getTranslation("ui.dashboard.length")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::priority).setHeader(getTranslation("airlog.csv.priority"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(b -> getTranslation("airlog.trigger." + b.trigger().name())
                        + (b.trigger() == Trigger.SCHEDULE ? "" : " (" + b.triggeredBy() + ")"))
                .setHeader(getTranslation("airlog.csv.trigger")).setAutoWidth(true).setFlexGrow(0);
        // One figure per item, in play order: what the player did to each item's level is part of the evidence.
        grid.addColumn(b -> b.items().stream().map(i -> gain(i.gainDb())).filter(g -> !g.isEmpty())
                .collect(Collectors.joining(", "))).setHeader(getTranslation("airlog.gain"))
                .setAutoWidth(true).setFlexGrow(0).setKey("gain");
        // Frozen to the grid's right edge: with all its columns the table is wider than a laptop's
        // screen, and the outcome is what one looks for first.
        grid.addComponentColumn(this::outcome).setHeader(getTranslation("airlog.csv.outcome")).setAutoWidth(true)
                .setFlexGrow(0).setKey("outcome").setFrozenToEnd(true);
        // On a phone one column instead of a table wider than the screen: time and outcome, the
        // title below them wrapped, then the villages.
        grid.addComponentColumn(this::card).setHeader(getTranslation("ui.airlog.broadcast")).setFlexGrow(1)
                .setKey("card");
        ColumnsByWidth.of(grid).hideBelow(ColumnsByWidth.LAPTOP, 1, 2, 4, 8, 9)
                .hideBelow(ColumnsByWidth.PHONE, 0, 3, 5, 6, 7, 10).showBelow(ColumnsByWidth.PHONE, 11);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setEmptyStateText(getTranslation("ui.empty"));
        grid.setPageSize(50);
        grid.setItems(q -> airLog.query(query(q.getPage(), q.getPageSize())).rows().stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, airLog.query(query(0, 1)).total()));
        grid.setId("airlog-grid");
        grid.addClassName("loaxa-tall-grid");
        var head = new Div(new H1(getTranslation("ui.airlog.title")));
        head.addClassName("loaxa-view-head");
        add(head, filters, verifyResult, grid);
    }

    /** A broadcast as the phone shows it: one cell instead of a row wider than the screen. */
    private Div card(LoggedBroadcast b) {
        var when = new Span(stationTime.formatDateTime(b.plannedStart()));
        when.addClassName("airlog-card-when");
        var top = new Div(when, outcome(b));
        top.addClassName("airlog-card-top");
        var title = new Div(b.title());
        title.addClassName("airlog-card-title");
        var card = new Div(top, title);
        if (!b.villageNames().isBlank()) {
            var villages = new Div(b.villageNames());
            villages.addClassName("airlog-card-villages");
            card.add(villages);
        }
        card.addClassName("airlog-card");
        return card;
    }

    /**
     * The outcome, and who cut the broadcast on air: a stop or a skip is a person's act and the log
     * keeps whose (decision 0030), so the list says it where the officer looks ("Dừng phát (bởi
     * dieuhanh)", "Bỏ qua 1 mục (bởi …)"). The log's reason and each cut item, with who cut it, are in
     * the tooltip, so the list does not widen.
     */
    Span outcome(LoggedBroadcast b) {
        var badge = OutcomeBadge.of(this, b.outcome());
        if (b.outcome() == Outcome.STOPPED && b.endedBy() != null) {
            badge.setText(getTranslation("airlog.byPerson", badge.getText(), b.endedBy()));
        }
        var cell = new Span(badge);
        cell.addClassName("airlog-outcome");
        cell.getStyle().set("display", "inline-flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)");
        var skipped = b.items().stream().filter(i -> i.outcome() == Outcome.SKIPPED).toList();
        if (!skipped.isEmpty()) {
            var who = skipped.stream().map(LoggedItem::by).filter(java.util.Objects::nonNull).distinct()
                    .collect(Collectors.joining(", "));
            var skips = new Span(who.isEmpty() ? getTranslation("airlog.skippedItems", skipped.size())
                    : getTranslation("airlog.skippedItemsBy", skipped.size(), who));
            skips.addClassNames("loaxa-badge", "loaxa-badge-warn", "airlog-skips");
            cell.add(skips);
        }
        var tip = new java.util.ArrayList<String>();
        if (b.reason() != null) {
            tip.add(b.reason());
        }
        for (var i : b.items()) {
            if (i.outcome() == Outcome.SKIPPED || i.outcome() == Outcome.STOPPED && i.by() != null) {
                var what = i.outcome() == Outcome.SKIPPED ? "airlog.tip.skipped" : "airlog.tip.stopped";
                tip.add(getTranslation(what + (i.by() == null ? "" : "By"), String.valueOf(i.position()), i.title(),
                        i.by()));
            }
        }
        if (!tip.isEmpty()) {
            cell.getElement().setAttribute("title", String.join("\n", tip));
        }
        return cell;
    }

    /** An emergency stands out in the list as it does on air. */
    private Span priority(LoggedBroadcast b) {
        var span = new Span(getTranslation("airlog.priority." + b.priority().name()));
        span.addClassName("loaxa-badge");
        span.addClassName(switch (b.priority()) {
            case EMERGENCY -> "loaxa-badge-bad";
            case PRIORITY -> "loaxa-badge-warn";
            case NORMAL -> "loaxa-badge-plain";
        });
        return span;
    }

    private Query query(int page, int size) {
        var start = stationTime.startOfDay(from.isEmpty() ? LocalDate.of(2000, 1, 1) : from.getValue());
        var end = stationTime.endOfDay(to.isEmpty() ? LocalDate.of(2100, 1, 1) : to.getValue());
        return new Query(start, end, village.isEmpty() ? null : village.getValue().id(),
                topic.isEmpty() ? null : topic.getValue().code(), outcome.getValue(), page, size);
    }

    /** Signed, one decimal, a dot as the station's other figures; blank for rows older than the column. */
    static String gain(@Nullable Double db) {
        if (db == null) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "%+.1f", db);
    }

    private void verify() {
        var v = airLog.verify();
        verifyResult.removeAll();
        verifyResult.setClassName(v.intact() ? "loaxa-ok" : "loaxa-alert");
        verifyResult.setText(v.intact() ? getTranslation("ui.airlog.intact", String.valueOf(v.checkedRows()),
                v.headHash() == null ? "-" : v.headHash())
                : getTranslation("ui.alert.logBroken", String.valueOf(v.firstBadRow()), v.problem()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.airlog.title") + " | " + getTranslation("app.name");
    }

    /** How far from its planned instant the first sample left: ms when on time, seconds when late. */
    static String startError(@org.jspecify.annotations.Nullable Long ms) {
        if (ms == null) {
            return "";
        }
        return Math.abs(ms) < 1_000 ? String.format("%+d ms", ms)
                : String.format(java.util.Locale.forLanguageTag("vi"), "%+.1f s", ms / 1000.0);
    }
}
