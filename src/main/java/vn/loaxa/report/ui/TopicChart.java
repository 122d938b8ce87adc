package vn.loaxa.report.ui;

import java.util.List;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import vn.loaxa.report.Report;
import vn.loaxa.report.Report.TopicRow;

/** Airings by topic as horizontal bars of plain divs: no chart library, nothing to license. */
class TopicChart extends Div {

    TopicChart(List<TopicRow> topics) {
        long max = Math.max(1, topics.stream().mapToLong(TopicRow::airings).max().orElse(1));
        addClassName("report-topic-chart");
        getStyle().set("display", "grid").set("grid-template-columns", "minmax(10em, 22em) minmax(8em, 1fr) 4em")
                .set("gap", "var(--lumo-space-xs) var(--lumo-space-s)").set("width", "100%").set("max-width", "60em")
                .set("align-items", "center");
        for (var t : topics) {
            var label = new Span(name(t, this));
            label.getStyle().set("font-size", "var(--lumo-font-size-s)");
            // A track the width of the column with the bar inside it: the bar's percentage has a
            // definite width to refer to, and a topic with no airings still shows its empty track.
            var track = new Div();
            track.addClassName("report-topic-track");
            track.getStyle().set("display", "block").set("width", "100%").set("height", "1.1em")
                    .set("background", "var(--lumo-contrast-10pct)").set("border-radius", "3px");
            var bar = new Div();
            bar.addClassName("report-topic-bar");
            bar.getStyle().set("display", "block").set("height", "100%").set("border-radius", "3px")
                    .set("background", "var(--lumo-primary-color)").set("width", percent(t.airings(), max) + "%");
            if (t.airings() > 0) {
                bar.getStyle().set("min-width", "3px");
            }
            track.add(bar);
            track.getElement().setAttribute("title", name(t, this) + ": " + t.airings());
            var value = new Span(Long.toString(t.airings()));
            value.getStyle().set("text-align", "right");
            add(label, track, value);
        }
    }

    /** A topic's name as the log copied it; the line of raw audio in the page's language. */
    static String name(TopicRow t, com.vaadin.flow.component.Component owner) {
        return Report.NOT_CCHC_CODE.equals(t.code()) ? owner.getTranslation("report.notCchc") : t.name();
    }

    /** The bar's share of the longest one, in whole percent. */
    static long percent(long airings, long max) {
        return Math.round(100.0 * airings / Math.max(1, max));
    }

    static Grid<TopicRow> grid(List<TopicRow> topics, ReportsView owner) {
        var grid = new Grid<TopicRow>();
        grid.addColumn(t -> name(t, owner)).setHeader(owner.getTranslation("report.col.topic")).setFlexGrow(3);
        ReportsView.number(grid.addColumn(t -> owner.number(t.broadcasts()))
                .setHeader(owner.getTranslation("report.fig.broadcasts")).setKey("broadcasts"));
        ReportsView.number(grid.addColumn(t -> owner.number(t.bulletins()))
                .setHeader(owner.getTranslation("report.fig.bulletins")).setKey("bulletins"));
        ReportsView.number(grid.addColumn(t -> owner.number(t.airings()))
                .setHeader(owner.getTranslation("report.fig.airings")).setKey("airings"));
        ReportsView.number(grid.addColumn(t -> owner.number(t.minutes()))
                .setHeader(owner.getTranslation("report.fig.minutes")).setKey("minutes"));
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setId("report-topics");
        return ReportsView.compact(grid, topics);
    }
}
