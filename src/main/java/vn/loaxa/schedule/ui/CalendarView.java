package vn.loaxa.schedule.ui;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.Formats;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.ScheduleService;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * A week of what will air, as the planner sees it: a CSS grid of days by hours, one block per
 * occurrence, optionally for one village only. Built from plain elements (no calendar add-on).
 */
@Route("calendar")
@Menu(order = 5, title = "ui.nav.calendar")
@PermitAll
class CalendarView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final ScheduleService schedule;
    private final Div week = new Div();
    private final Span range = new Span();
    private final Select<Village> village = new Select<>();
    private LocalDate monday;

    CalendarView(ScheduleService schedule, VillageService villages, StationTime stationTime) {
        this.stationTime = stationTime;
        this.schedule = schedule;
        addClassName("loaxa-page");
        monday = stationTime.today().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        village.setItems(villages.findAll().stream().filter(Village::enabled).toList());
        village.setItemLabelGenerator(v -> v == null ? getTranslation("ui.villages.all") : v.name());
        village.setEmptySelectionAllowed(true);
        village.setEmptySelectionCaption(getTranslation("ui.villages.all"));
        village.setAriaLabel(getTranslation("ui.dashboard.villages"));
        village.addValueChangeListener(e -> draw());
        var prev = new Button(VaadinIcon.ANGLE_LEFT.create(), e -> move(-7));
        prev.setAriaLabel(getTranslation("ui.calendar.previous"));
        var next = new Button(VaadinIcon.ANGLE_RIGHT.create(), e -> move(7));
        next.setAriaLabel(getTranslation("ui.calendar.next"));
        for (var b : new Button[] {prev, next}) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        }
        range.addClassName("loaxa-range");
        var tools = new Div(prev, range, next, village);
        tools.addClassName("loaxa-toolbar");
        var head = new Div(new H1(getTranslation("ui.calendar.title")), tools);
        head.addClassName("loaxa-view-head");
        week.addClassName("loaxa-week");
        week.setId("week");
        add(head, week);
        draw();
    }

    private void move(int days) {
        monday = monday.plusDays(days);
        draw();
    }

    private void draw() {
        week.removeAll();
        range.setText(Formats.date(monday) + " – " + Formats.date(monday.plusDays(6)));
        week.add(cell("", 1, 1, "loaxa-week-corner"));
        for (int d = 0; d < 7; d++) {
            var day = monday.plusDays(d);
            week.add(cell(getTranslation("ui.day.short." + day.getDayOfWeek().name()) + " " + Formats.date(day)
                    .substring(0, 5), d + 2, 1, "loaxa-week-day"));
        }
        for (int h = 0; h < 24; h++) {
            week.add(cell("%02d:00".formatted(h), 1, h + 2, "loaxa-week-hour"));
        }
        var from = stationTime.startOfDay(monday);
        var to = stationTime.startOfDay(monday.plusDays(7));
        Map<String, Div> slots = new HashMap<>();
        var only = village.getValue();
        for (var o : schedule.plan(from, to)) {
            if (only != null && !o.villageIds().contains(only.id())) {
                continue;
            }
            var local = stationTime.zoned(o.plannedStart());
            int col = (int) (local.toLocalDate().toEpochDay() - monday.toEpochDay()) + 2;
            int row = local.getHour() + 2;
            var slot = slots.computeIfAbsent(col + "/" + row, k -> {
                var div = cell("", col, row, "loaxa-week-slot");
                week.add(div);
                return div;
            });
            slot.add(block(o));
        }
    }

    private Div block(Occurrence o) {
        var b = new Div(stationTime.formatTime(o.plannedStart()) + " " + o.title());
        b.addClassName("loaxa-week-item");
        if (o.priority() == Priority.EMERGENCY) {
            b.addClassName("loaxa-week-emergency");
        } else if (o.source() == Occurrence.Source.ONE_OFF) {
            b.addClassName("loaxa-week-oneoff");
        }
        b.getElement().setAttribute("title", stationTime.formatDateTime(o.plannedStart()) + " · " + o.title() + " · "
                + Formats.duration(o.nominalMs()) + " · " + getTranslation("ui.calendar.items", o.items().size()));
        return b;
    }

    private static Div cell(String text, int col, int row, String className) {
        var d = new Div(text);
        d.addClassName(className);
        d.getStyle().set("grid-column", String.valueOf(col)).set("grid-row", String.valueOf(row));
        return d;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.calendar.title") + " | " + getTranslation("app.name");
    }
}
