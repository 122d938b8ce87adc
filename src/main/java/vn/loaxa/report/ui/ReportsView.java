package vn.loaxa.report.ui;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;

import vn.loaxa.base.RenderedFile;
import vn.loaxa.base.ReportFailedException;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.Pickers;
import vn.loaxa.report.Report;
import vn.loaxa.report.Report.Figures;
import vn.loaxa.report.ReportFiles;
import vn.loaxa.report.ReportPeriod;
import vn.loaxa.report.ReportService;

/**
 * The VH&TT officer's reports: pick a preset or dates, see the figures and a bar chart by topic,
 * download the xlsx, the docx draft, the CSV and the evidence bundle. A long period is read in the
 * background with a progress bar, so the page stays responsive.
 */
@Route("reports")
@Menu(order = 50, title = "nav.reports")
@RolesAllowed({"REPORTER", "ADMIN"})
class ReportsView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Logger log = LoggerFactory.getLogger(ReportsView.class);

    /** A row of a figures table: a month, a quarter, a village (with what it received), or the whole period. */
    record Line(String label, Figures figures, Report.@Nullable VillageRow village) {
        Line(String label, Figures figures) {
            this(label, figures, null);
        }
    }

    private final StationTime stationTime;
    private final ReportService reports;
    private final ReportFiles files;
    private final IntegerField year = new IntegerField();
    private final ComboBox<ReportPeriod> preset = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Button build = new Button();
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private final HorizontalLayout downloads = new HorizontalLayout();
    private final VerticalLayout summary = new VerticalLayout();

    ReportsView(ReportService reports, ReportFiles files, StationTime stationTime) {
        this.stationTime = stationTime;
        this.reports = reports;
        this.files = files;
        add(new H1(getTranslation("report.title")));

        var useful = ReportPeriod.usefulOn(stationTime.today());
        year.setLabel(getTranslation("report.year"));
        year.setValue(useful.from().getYear());
        year.setMin(2000);
        year.setMax(2100);
        year.setStepButtonsVisible(true);
        // Another year keeps the kind of period (the same quarter, half or the whole year).
        year.addValueChangeListener(e -> presets(preset.getValue()));
        preset.setLabel(getTranslation("report.preset"));
        preset.setItemLabelGenerator(p -> capitalised(p.label()));
        preset.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                from.setValue(e.getValue().from());
                to.setValue(e.getValue().to());
            }
        });
        from.setLabel(getTranslation("report.from"));
        to.setLabel(getTranslation("report.to"));
        Pickers.localise(from);
        Pickers.localise(to);
        build.setText(getTranslation("report.build"));
        build.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        build.addClickListener(e -> start());
        var picker = new HorizontalLayout(year, preset, from, to, build);
        picker.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        picker.setWrap(true);
        progress.setIndeterminate(true);
        progressText.setText(getTranslation("report.building"));
        var busy = new HorizontalLayout(progress, progressText);
        busy.setWidthFull();
        busy.setVisible(false);
        progress.setWidth("12em");
        downloads.setWrap(true);
        summary.setPadding(false);
        add(picker, busy, downloads, summary);
        presets(useful);
    }

    /** The presets of the year in the field, with {@code chosen}'s kind selected (its year's if it is in it). */
    private void presets(@Nullable ReportPeriod chosen) {
        var y = year.getValue() == null ? stationTime.today().getYear() : year.getValue();
        var items = ReportPeriod.presets(y);
        int kind = chosen == null ? -1 : ReportPeriod.presets(chosen.from().getYear()).indexOf(chosen);
        preset.setItems(items);
        preset.setValue(items.get(kind < 0 ? items.size() - 1 : kind));
    }

    /** The period the form opens on: see {@link ReportPeriod#usefulOn}. */
    @Nullable ReportPeriod chosenPeriod() {
        return preset.getValue();
    }

    private void start() {
        if (from.getValue() == null || to.getValue() == null || to.getValue().isBefore(from.getValue())) {
            Notification.show(getTranslation("error.schedule.badDates")).addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        var period = ReportPeriod.of(from.getValue(), to.getValue());
        var ui = UI.getCurrent();
        var busy = progress.getParent().orElseThrow();
        busy.setVisible(true);
        build.setEnabled(false);
        // The service checks the role, so the background thread carries the signed-in user.
        var security = SecurityContextHolder.getContext();
        CompletableFuture.supplyAsync(() -> {
            SecurityContextHolder.setContext(security);
            try {
                return reports.build(period);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }).whenComplete((report, error) -> ui.access(() -> {
            busy.setVisible(false);
            build.setEnabled(true);
            if (error != null) {
                Notification.show(getTranslation("report.failed", error.getMessage()))
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            } else {
                show(report);
            }
        }));
    }

    void show(Report report) {
        var period = report.period();
        downloads.removeAll();
        for (var format : ReportFiles.Format.values()) {
            downloads.add(new Anchor(download(ReportFiles.fileName(period, format.extension), format.contentType,
                    out -> files.write(report, format, out)),
                    getTranslation("report.download." + format.extension)));
        }
        downloads.add(new Anchor(download(ReportFiles.evidenceName(period), ReportFiles.ZIP_TYPE,
                out -> files.writeEvidence(period, out)), getTranslation("report.download.evidence")));

        summary.removeAll();
        summary.add(new H3(getTranslation("report.summary", capitalised(period.label()) + " ("
                + DATE.format(period.from()) + " - " + DATE.format(period.to()) + ")")));
        summary.add(figures("report.preset", List.of(new Line(capitalised(period.label()), report.total()))));
        summary.add(new H3(getTranslation("report.section.chart")), new TopicChart(report.topicLines()));
        summary.add(new H3(getTranslation("report.section.topics")), TopicChart.grid(report.topicLines(), this));
        summary.add(new H3(getTranslation("report.section.quarters")), figures("report.col.quarter",
                report.byQuarter().stream().map(q -> new Line("Quý " + q.quarter() + "/" + q.year(), q.figures())).toList()));
        summary.add(new H3(getTranslation("report.section.months")), figures("report.col.month",
                report.byMonth().stream().map(m -> new Line(m.month().format(DateTimeFormatter.ofPattern("MM/yyyy")),
                        m.figures())).toList()));
        summary.add(new H3(getTranslation("report.section.villages")));
        for (var v : report.byVillage()) {
            if (v.shortfall() > 0) {
                var notice = new Span(getTranslation("report.villageShortfall", v.name(), v.shortfall(),
                        v.switchOnFailures()));
                notice.addClassName("report-shortfall");
                notice.getStyle().set("color", "var(--lumo-error-text-color)");
                summary.add(notice);
            }
        }
        var villages = figures("report.col.village",
                report.byVillage().stream().map(v -> new Line(v.name(), v.figures(), v)).toList());
        villages.setId("report-villages");
        summary.add(villages);
        var top = new Grid<Report.BulletinRow>();
        top.addColumn(Report.BulletinRow::title).setHeader(getTranslation("report.col.title")).setFlexGrow(3);
        top.addColumn(b -> b.topicName() == null ? "" : b.topicName()).setHeader(getTranslation("report.col.topic"));
        number(top.addColumn(b -> number(b.airings())).setHeader(getTranslation("report.fig.airings")));
        number(top.addColumn(b -> number(b.minutes())).setHeader(getTranslation("report.fig.minutes")));
        summary.add(new H3(getTranslation("report.section.top")), compact(top, report.topBulletins()));
        var emergencies = new Grid<Report.EmergencyRow>();
        emergencies.addColumn(e -> stationTime.formatDateTime(e.plannedStart()))
                .setHeader(getTranslation("report.col.when"));
        emergencies.addColumn(Report.EmergencyRow::title).setHeader(getTranslation("report.col.title")).setFlexGrow(3);
        emergencies.addColumn(e -> e.outcome().isEmpty() ? "" : getTranslation("airlog.outcome." + e.outcome()))
                .setHeader(getTranslation("report.col.outcome"));
        emergencies.addColumn(e -> e.orderReason() == null ? "" : e.orderReason())
                .setTooltipGenerator(e -> e.orderReason() == null ? "" : e.orderReason())
                .setHeader(getTranslation("report.col.orderReason")).setFlexGrow(2);
        summary.add(new H3(getTranslation("report.section.emergencies")), compact(emergencies, report.emergencies()));
    }

    /** Villages get what they received right after what was planned for them, where the officer compares. */
    private Grid<Line> figures(String firstHeader, List<Line> lines) {
        var grid = new Grid<Line>();
        grid.addColumn(Line::label).setHeader(getTranslation(firstHeader)).setFrozen(true).setAutoWidth(true)
                .setFlexGrow(0);
        boolean villages = lines.stream().anyMatch(l -> l.village() != null);
        for (var key : List.of("planned", "completed", "interrupted", "preempted", "failed", "missed", "skipped",
                "unfinished", "bulletins", "airings", "minutes")) {
            number(grid.addColumn(l -> value(l.figures(), key)).setHeader(getTranslation("report.fig." + key))
                    .setKey(key));
            if (villages && key.equals("planned")) {
                for (var r : List.of("aired", "received", "shortfall", "switchOnFailures", "switchOffFailures")) {
                    number(grid.addColumn(l -> l.village() == null ? "" : number(reception(l.village(), r)))
                            .setHeader(getTranslation("report.fig." + r)).setKey(r));
                }
            }
        }
        // Seventeen columns for villages: narrow number columns under wrapped headers fit a 1366 px screen.
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        return compact(grid, lines);
    }

    private static long reception(Report.VillageRow v, String key) {
        return switch (key) {
            case "aired" -> v.aired();
            case "received" -> v.received();
            case "shortfall" -> v.shortfall();
            case "switchOnFailures" -> v.switchOnFailures();
            default -> v.switchOffFailures();
        };
    }

    private String value(Figures f, String key) {
        return switch (key) {
            case "planned" -> number(f.planned());
            case "completed" -> number(f.completed());
            case "interrupted" -> number(f.interrupted());
            case "preempted" -> number(f.preempted());
            case "failed" -> number(f.failed());
            case "missed" -> number(f.missed());
            case "skipped" -> number(f.skipped());
            case "unfinished" -> number(f.unfinished());
            case "bulletins" -> number(f.bulletins());
            case "airings" -> number(f.airings());
            default -> number(f.minutes());
        };
    }

    /** A count as the .docx writes it in Vietnamese (1.234), in the page's language. */
    String number(long n) {
        return NumberFormat.getIntegerInstance(getLocale()).format(n);
    }

    /** Minutes with one decimal, a decimal comma in Vietnamese (12,5) as in the .docx. */
    String number(double n) {
        var f = NumberFormat.getNumberInstance(getLocale());
        f.setMaximumFractionDigits(1);
        return f.format(n);
    }

    /**
     * A narrow column of numbers, right-aligned so digits line up. 3.5em each: the village table's
     * sixteen figures and its names fit the 1,078 px a 1366 px screen leaves beside the menu.
     */
    static <T> void number(Grid.Column<T> column) {
        column.setWidth("3.5em").setFlexGrow(1).setTextAlign(ColumnTextAlign.END);
    }

    static <T> Grid<T> compact(Grid<T> grid, List<T> items) {
        grid.setItems(items);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        return grid;
    }

    /**
     * The file is rendered whole before the browser gets a byte of it: a failure is a 500 and a
     * message on the page, never a download that starts and then breaks off.
     */
    private DownloadHandler download(String name, String type, RenderedFile.Writing writer) {
        return DownloadHandler.fromInputStream(event -> {
            RenderedFile file;
            try {
                file = RenderedFile.render(name, writer);
            } catch (RuntimeException e) {
                log.error("Report download {} failed: {}", name, e.getMessage(), e);
                var ui = event.getUI();
                ui.access(() -> Notification.show(getTranslation("error.report.failed"), 8000,
                        Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR));
                return DownloadResponse.error(500, ReportFailedException.CODE + ": " + e.getMessage());
            }
            long size = file.size();
            return new DownloadResponse(file.open(), name, type, size);
        });
    }

    private static String capitalised(@Nullable String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("report.title") + " | " + getTranslation("app.name");
    }
}
