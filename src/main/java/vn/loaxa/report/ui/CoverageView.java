package vn.loaxa.report.ui;

import java.util.List;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import vn.loaxa.base.ui.Notices;
import vn.loaxa.report.Coverage;
import vn.loaxa.report.Coverage.TopicLine;
import vn.loaxa.report.CoverageService;
import vn.loaxa.report.Report;
import vn.loaxa.report.ReportPeriod;

/**
 * The CCHC coverage board of a quarter: the campaign's emphasised topics, what is still planned,
 * what aired by topic and by village, and what needs doing. Its own page rather than a tab of the
 * reports, because commune leaders (APPROVER), who do not make the reports, read it too.
 */
@Route("coverage")
@Menu(order = 51, title = "nav.coverage")
@RolesAllowed({"REPORTER", "ADMIN", "APPROVER"})
class CoverageView extends Div implements HasDynamicTitle {

    private final CoverageService coverage;
    private final IntegerField year = new IntegerField();
    private final Select<Integer> quarter = new Select<>();
    private final Div board = new Div();

    CoverageView(CoverageService coverage) {
        this.coverage = coverage;
        addClassName("loaxa-page");
        var head = new Div(new H1(getTranslation("coverage.title")));
        head.addClassName("loaxa-view-head");

        var current = coverage.currentQuarter();
        year.setLabel(getTranslation("report.year"));
        year.setMin(2000);
        year.setMax(2100);
        year.setStepButtonsVisible(true);
        year.setValue(current.from().getYear());
        year.setId("coverage-year");
        quarter.setLabel(getTranslation("report.col.quarter"));
        quarter.setItems(1, 2, 3, 4);
        quarter.setItemLabelGenerator(q -> getTranslation("coverage.quarter", ReportPeriod.roman(q)));
        quarter.setValue(current.quarterNumber());
        quarter.setId("coverage-quarter");
        year.addValueChangeListener(e -> show());
        quarter.addValueChangeListener(e -> show());
        // Wraps on a phone instead of pushing the page sideways.
        var picker = new Div(year, quarter);
        picker.addClassName("loaxa-toolbar");
        board.setId("coverage-board");
        add(head, picker, board);
        show();
    }

    private void show() {
        board.removeAll();
        if (year.getValue() == null || year.getValue() < 2000 || year.getValue() > 2100 || quarter.getValue() == null) {
            return;
        }
        Coverage[] result = new Coverage[1];
        if (!Notices.attempt(this, () -> result[0] = coverage.quarter(year.getValue(), quarter.getValue()))) {
            return;
        }
        show(result[0]);
    }

    void show(Coverage c) {
        board.removeAll();
        var roman = ReportPeriod.roman(c.quarter());
        board.add(new H3(getTranslation("coverage.summary", roman, String.valueOf(c.year()),
                vn.loaxa.base.StationTime.formatDate(c.period().from()),
                vn.loaxa.base.StationTime.formatDate(c.period().to()))));
        var campaigns = new Paragraph(c.campaigns().isEmpty() ? getTranslation("coverage.noCampaign")
                : getTranslation("coverage.campaigns", String.join("; ", c.campaigns())));
        campaigns.setId("coverage-campaigns");
        board.add(campaigns);
        if (c.warnings().isEmpty()) {
            var fine = new Paragraph(getTranslation("coverage.allGood"));
            fine.addClassName("coverage-ok");
            board.add(fine);
        }
        for (var w : c.warnings()) {
            var text = switch (w.kind()) {
                case EMPHASISED_NOT_AIRED -> w.queued() > 0
                        ? getTranslation("coverage.warn.notAiredQueued", roman, w.name(), w.queued())
                        : getTranslation("coverage.warn.notAired", roman, w.name());
                case VILLAGE_NOTHING_AIRED -> getTranslation("coverage.warn.village", roman, w.name());
            };
            var line = new Span(text);
            line.addClassName("coverage-warning");
            line.getStyle().set("display", "block").set("color", "var(--lumo-error-text-color)");
            board.add(line);
        }

        var topics = new Grid<TopicLine>();
        topics.addColumn(TopicLine::name).setHeader(getTranslation("report.col.topic")).setFlexGrow(3).setKey("topic");
        topics.addColumn(t -> t.emphasised() ? getTranslation("coverage.emphasised.yes") : "")
                .setHeader(getTranslation("coverage.col.emphasised")).setKey("emphasised").setAutoWidth(true)
                .setFlexGrow(0);
        numbers(topics, "queued", "coverage.col.queued", t -> number(t.queued()));
        numbers(topics, "airings", "report.fig.airings", t -> number(t.airings()));
        numbers(topics, "bulletins", "report.fig.bulletins", t -> number(t.bulletins()));
        numbers(topics, "minutes", "report.fig.minutes", t -> number(t.minutes()));
        topics.setId("coverage-topics");
        board.add(new H3(getTranslation("report.section.topics")), grid(topics, c.topics()));

        var villages = new Grid<Report.VillageRow>();
        villages.addColumn(Report.VillageRow::name).setHeader(getTranslation("report.col.village")).setFlexGrow(2)
                .setKey("village");
        numbers(villages, "planned", "report.fig.planned", v -> number(v.figures().planned()));
        numbers(villages, "aired", "report.fig.aired", v -> number(v.aired()));
        numbers(villages, "received", "report.fig.received", v -> number(v.received()));
        numbers(villages, "airings", "report.fig.airings", v -> number(v.figures().airings()));
        numbers(villages, "minutes", "report.fig.minutes", v -> number(v.figures().minutes()));
        villages.setId("coverage-villages");
        board.add(new H3(getTranslation("report.section.villages")), grid(villages, c.report().byVillage()));
        villageTopics(c);
    }

    /**
     * What aired per village and per topic, from the report's own table: rows are the villages in
     * their configured order, then the whole commune. Fixed-width columns, so at phone width the grid
     * scrolls sideways inside itself (the village column stays) and the page does not.
     */
    private void villageTopics(Coverage c) {
        var table = c.report().villageTopics();
        var grid = new Grid<Report.VillageTopicRow>();
        grid.addColumn(Report.VillageTopicRow::name).setHeader(getTranslation("report.col.village")).setKey("village")
                .setWidth("8em").setFlexGrow(0).setFrozen(true);
        for (var t : c.villageTopicColumns()) {
            var header = new Span(t.name());
            header.getStyle().set("white-space", "normal");
            grid.addColumn(v -> number(v.topic(t.code()))).setHeader(header).setKey("topic-" + t.code())
                    .setWidth("8em").setFlexGrow(1).setTextAlign(ColumnTextAlign.END);
        }
        grid.addColumn(v -> number(v.total())).setHeader(getTranslation("coverage.col.total")).setKey("total")
                .setWidth("6em").setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        var rows = new java.util.ArrayList<>(table.villages());
        rows.add(new Report.VillageTopicRow(0, getTranslation("coverage.row.commune"), table.topics(), table.total()));
        grid.setId("coverage-village-topics");
        var note = new Paragraph(getTranslation("coverage.villageTopics.note"));
        note.getStyle().set("color", "var(--lumo-secondary-text-color)");
        board.add(new H3(getTranslation("coverage.section.villageTopics")), note, grid(grid, rows));
    }

    private static <T> void numbers(Grid<T> grid, String key, String header,
                                    com.vaadin.flow.function.ValueProvider<T, String> value) {
        grid.addColumn(value).setHeader(grid.getTranslation(header)).setKey(key).setWidth("6em").setFlexGrow(1)
                .setTextAlign(ColumnTextAlign.END);
    }

    private static <T> Grid<T> grid(Grid<T> grid, List<T> items) {
        grid.setItems(items);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        return grid;
    }

    private String number(long n) {
        return java.text.NumberFormat.getIntegerInstance(getLocale()).format(n);
    }

    private String number(double n) {
        var f = java.text.NumberFormat.getNumberInstance(getLocale());
        f.setMaximumFractionDigits(1);
        return f.format(n);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("coverage.title") + " | " + getTranslation("app.name");
    }
}
