package vn.loaxa.report.ui;

import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import vn.loaxa.report.Report.TopicRow;

/** Airings by topic as horizontal bars of plain divs: no chart library, nothing to license. */
class TopicChart extends Div {

    TopicChart(List<TopicRow> topics) {
        long max = Math.max(1, topics.stream().mapToLong(TopicRow::airings).max().orElse(1));
        getStyle().set("display", "grid").set("grid-template-columns", "minmax(10em, 22em) 1fr 4em")
                .set("gap", "var(--lumo-space-xs) var(--lumo-space-s)").set("width", "100%").set("max-width", "60em");
        for (var t : topics) {
            var label = new Span(t.name());
            label.getStyle().set("font-size", "var(--lumo-font-size-s)");
            var bar = new Div();
            bar.getStyle().set("background", "var(--lumo-primary-color)").set("height", "1.1em")
                    .set("align-self", "center").set("border-radius", "3px")
                    .set("width", Math.max(t.airings() == 0 ? 0 : 1, 100 * t.airings() / max) + "%");
            bar.getElement().setAttribute("title", t.name() + ": " + t.airings());
            var value = new Span(Long.toString(t.airings()));
            value.getStyle().set("text-align", "right");
            add(label, bar, value);
        }
    }

    static Component grid(List<TopicRow> topics, Component owner) {
        var grid = new Grid<TopicRow>();
        grid.addColumn(TopicRow::name).setHeader(owner.getTranslation("report.col.topic")).setFlexGrow(3);
        grid.addColumn(TopicRow::broadcasts).setHeader(owner.getTranslation("report.fig.broadcasts"));
        grid.addColumn(TopicRow::bulletins).setHeader(owner.getTranslation("report.fig.bulletins"));
        grid.addColumn(TopicRow::airings).setHeader(owner.getTranslation("report.fig.airings"));
        grid.addColumn(TopicRow::minutes).setHeader(owner.getTranslation("report.fig.minutes"));
        return ReportsView.compact(grid, topics);
    }
}
