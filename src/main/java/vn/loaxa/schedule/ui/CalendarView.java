package vn.loaxa.schedule.ui;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;
import org.jspecify.annotations.Nullable;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.Formats;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.ScheduleService;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * A week of what will air, as the planner sees it: a CSS grid of days by hours, one block per
 * occurrence, optionally for one village only. Built from plain elements (no calendar add-on).
 * Today's column is marked with a line at the present minute (moved each minute while the page is
 * open); a click on a block opens what it comes from, and the legend says what the colours mean.
 */
@Route("calendar")
@Menu(order = 5, title = "ui.nav.calendar")
@PermitAll
class CalendarView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final ScheduleService schedule;
    private final ProgrammeService programmes;
    private final VillageService villages;
    private final LibraryService library;
    /** Programmes and one-offs are changed by ADMIN and OPERATOR; everyone else only looks. */
    private final boolean editor;
    private final Div week = new Div();
    private final Div now = new Div();
    private @Nullable Registration ticking;
    private final Span range = new Span();
    private final Select<Village> village = new Select<>();
    private LocalDate monday;

    CalendarView(ScheduleService schedule, ProgrammeService programmes, VillageService villages, LibraryService library,
                 AuthenticationContext auth, StationTime stationTime) {
        this.stationTime = stationTime;
        this.schedule = schedule;
        this.programmes = programmes;
        this.villages = villages;
        this.library = library;
        this.editor = auth.hasAnyRole("ADMIN", "OPERATOR");
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
        now.addClassName("loaxa-week-now");
        now.setId("week-now");
        now.getElement().setAttribute("title", getTranslation("ui.calendar.now"));
        add(head, legend(), week);
        draw();
    }

    /** What each colour means, in the same classes the blocks use. */
    private Div legend() {
        var legend = new Div();
        legend.setId("week-legend");
        legend.addClassName("loaxa-week-legend");
        legend.add(swatch("loaxa-week-item", "ui.calendar.legend.programme"),
                swatch("loaxa-week-item loaxa-week-oneoff", "ui.calendar.legend.oneOff"),
                swatch("loaxa-week-item loaxa-week-emergency", "ui.calendar.legend.emergency"),
                swatch("loaxa-week-legend-today", "ui.calendar.legend.today"),
                swatch("loaxa-week-legend-now", "ui.calendar.legend.now"));
        return legend;
    }

    private Span swatch(String classNames, String key) {
        var mark = new Span();
        mark.addClassNames(classNames.split(" "));
        mark.addClassName("loaxa-week-swatch");
        var entry = new Span(mark, new Span(getTranslation(key)));
        entry.addClassName("loaxa-week-legend-entry");
        return entry;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // The "now" line moves with the clock: a poll a minute while the page is open, nothing after.
        event.getUI().setPollInterval(60_000);
        ticking = event.getUI().addPollListener(e -> placeNow());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (ticking != null) {
            ticking.remove();
            ticking = null;
        }
        event.getUI().setPollInterval(-1);
    }

    private void move(int days) {
        monday = monday.plusDays(days);
        draw();
    }

    private void draw() {
        week.removeAll();
        range.setText(Formats.date(monday) + " – " + Formats.date(monday.plusDays(6)));
        week.add(cell("", 1, 1, "loaxa-week-corner"));
        var today = stationTime.today();
        for (int d = 0; d < 7; d++) {
            var day = monday.plusDays(d);
            var header = cell(getTranslation("ui.day.short." + day.getDayOfWeek().name()) + " " + Formats.date(day)
                    .substring(0, 5), d + 2, 1, "loaxa-week-day");
            if (day.equals(today)) {
                header.addClassName("loaxa-week-today");
                header.setId("week-today");
                // Under the blocks: the whole column of today, tinted.
                var column = cell("", d + 2, 2, "loaxa-week-today-column");
                column.getStyle().set("grid-row", "2 / span 24");
                week.add(column);
            }
            week.add(header);
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
        placeNow();
    }

    /** The line at the present minute, in today's column; none when today is not in the week shown. */
    private void placeNow() {
        var local = stationTime.localNow();
        long day = local.toLocalDate().toEpochDay() - monday.toEpochDay();
        if (day < 0 || day > 6) {
            now.removeFromParent();
            return;
        }
        now.getStyle().set("grid-column", String.valueOf(day + 2))
                .set("grid-row", String.valueOf(local.getHour() + 2))
                .set("top", String.format(java.util.Locale.ROOT, "%.1f%%", local.getMinute() * 100 / 60.0));
        now.getElement().setAttribute("title", getTranslation("ui.calendar.now") + " "
                + "%02d:%02d".formatted(local.getHour(), local.getMinute()));
        if (now.getParent().isEmpty()) {
            week.add(now);
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
        // The block shows what fits; the full title is on hover (and in the dialog a click opens).
        b.getElement().setAttribute("title", stationTime.formatDateTime(o.plannedStart()) + " · " + o.title() + " · "
                + Formats.duration(o.nominalMs()) + " · " + getTranslation("ui.calendar.items", o.items().size()));
        b.getElement().setAttribute("role", "button");
        b.getElement().setAttribute("tabindex", "0");
        b.getElement().setAttribute("data-key", o.key());
        b.addClickListener(e -> open(o));
        b.getElement().addEventListener("keydown", e -> open(o)).setFilter("event.key === 'Enter' || event.key === ' '");
        return b;
    }

    /** What one block is: its source, when, where, what plays and what will not; and the way to change it. */
    private void open(Occurrence o) {
        var dialog = new Dialog();
        dialog.setId("week-event");
        dialog.setHeaderTitle(o.title());
        var kind = o.priority() == Priority.EMERGENCY ? "ui.calendar.legend.emergency"
                : o.source() == Occurrence.Source.ONE_OFF ? "ui.calendar.legend.oneOff" : "ui.calendar.legend.programme";
        var villageNames = villages.findAll().stream().filter(v -> o.villageIds().contains(v.id()))
                .map(Village::name).collect(Collectors.joining(", "));
        var facts = new UnorderedList(
                new ListItem(getTranslation(kind) + " · " + getTranslation("airlog.priority." + o.priority().name())),
                new ListItem(getTranslation("ui.calendar.when", stationTime.formatDateTime(o.plannedStart()))),
                new ListItem(getTranslation("ui.calendar.length", Formats.duration(o.nominalMs()),
                        getTranslation("ui.calendar.items", o.items().size()))),
                new ListItem(getTranslation("ui.calendar.villages", villageNames.isEmpty() ? "—" : villageNames)));
        facts.addClassName("loaxa-week-facts");
        var items = new OrderedList();
        items.setId("week-event-items");
        o.items().forEach(i -> items.add(new ListItem(i.title() + " (" + Formats.duration(i.durationMs()) + ")")));
        dialog.add(facts, new Paragraph(getTranslation("ui.calendar.plays")), items);
        if (!o.dropped().isEmpty()) {
            var dropped = new UnorderedList();
            dropped.setId("week-event-dropped");
            o.dropped().forEach(d -> dropped.add(new ListItem(d.title() + ": "
                    + getTranslation("ui.calendar.dropped." + d.reason().name()))));
            dialog.add(new Paragraph(getTranslation("ui.calendar.notPlayed")), dropped);
        }
        if (editor && o.source() == Occurrence.Source.PROGRAMME) {
            programmes.findAll().stream().filter(p -> p.id() == o.sourceId()).findFirst().ifPresent(p -> {
                var edit = new Button(getTranslation("ui.calendar.editProgramme"), VaadinIcon.EDIT.create(), e -> {
                    dialog.close();
                    new ProgrammeForm(programmes, villages, library, p, stationTime.today(), x -> draw()).open();
                });
                edit.setId("week-event-edit");
                edit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                dialog.getFooter().add(edit);
            });
        }
        if (editor) {
            var page = o.source() == Occurrence.Source.PROGRAMME
                    ? new RouterLink(getTranslation("ui.calendar.openProgrammes"), ProgrammesView.class)
                    : new RouterLink(getTranslation("ui.calendar.openOneOffs"), OneOffsView.class);
            page.setId("week-event-page");
            dialog.getFooter().add(page);
        }
        var close = new Button(getTranslation("ui.calendar.close"), e -> dialog.close());
        close.setId("week-event-close");
        dialog.getFooter().add(close);
        dialog.open();
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
