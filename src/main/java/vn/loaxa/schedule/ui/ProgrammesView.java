package vn.loaxa.schedule.ui;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dnd.GridDropEvent;
import com.vaadin.flow.component.grid.dnd.GridDropLocation;
import com.vaadin.flow.component.grid.dnd.GridDropMode;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.ColumnsByWidth;
import vn.loaxa.base.ui.Combos;
import vn.loaxa.base.ui.Formats;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.base.ui.Pickers;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.QueueEntry;
import vn.loaxa.schedule.QueueService;
import vn.loaxa.station.VillageService;

/** Recurring programmes and, for the selected one, the approved bulletins queued into its occurrences. */
@Route("programmes")
@Menu(order = 4, title = "ui.nav.programmes")
@RolesAllowed({"ADMIN", "OPERATOR"})
class ProgrammesView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final ProgrammeService programmes;
    private final QueueService queue;
    private final BulletinService bulletins;
    private final Grid<Programme> grid = new Grid<>();
    private final Grid<QueueEntry> queueGrid = new Grid<>();
    private final Div queueCard = new Div();
    private Programme selected;
    private Map<Long, String> titles = Map.of();
    private final Map<Long, Long> durations = new HashMap<>();

    ProgrammesView(ProgrammeService programmes, QueueService queue, BulletinService bulletins,
                   VillageService villages, LibraryService library, StationTime stationTime) {
        this.stationTime = stationTime;
        this.programmes = programmes;
        this.queue = queue;
        this.bulletins = bulletins;
        addClassName("loaxa-page");
        var create = new Button(getTranslation("ui.programmes.new"), VaadinIcon.PLUS.create(),
                e -> new ProgrammeForm(programmes, villages, library, null, today(), p -> refresh()).open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("programme-new");
        var head = new Div(new H1(getTranslation("ui.programmes.title")), create);
        head.addClassName("loaxa-view-head");

        grid.addColumn(Programme::name).setHeader(getTranslation("ui.programmes.name")).setFlexGrow(2);
        grid.addColumn(p -> p.startTime().toString()).setHeader(getTranslation("ui.programmes.start"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> p.days().stream().map(d -> getTranslation("ui.day.short." + d.name()))
                .collect(Collectors.joining(" "))).setHeader(getTranslation("ui.programmes.days")).setFlexGrow(1);
        grid.addColumn(p -> getTranslation("ui.programmes.minutes", p.maxLengthSeconds() / 60)).setHeader(getTranslation("ui.programmes.maxMinutes"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> getTranslation("airlog.priority." + p.priority().name()))
                .setHeader(getTranslation("ui.programmes.priority")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> getTranslation(p.enabled() ? "ui.yes" : "ui.no"))
                .setHeader(getTranslation("ui.programmes.enabled")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(p -> {
            var edit = new Button(VaadinIcon.EDIT.create(),
                    e -> new ProgrammeForm(programmes, villages, library, p, today(), x -> refresh()).open());
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            edit.setAriaLabel(getTranslation("ui.programmes.edit"));
            return edit;
        }).setAutoWidth(true).setFlexGrow(0);
        ColumnsByWidth.of(grid).hideBelow(ColumnsByWidth.LAPTOP, 3, 4).hideBelow(ColumnsByWidth.PHONE, 2, 5);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("ui.empty"));
        grid.asSingleSelect().addValueChangeListener(e -> select(e.getValue()));
        grid.setId("programme-grid");
        grid.setAllRowsVisible(true);

        queueGrid.addColumn(QueueEntry::position).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        queueGrid.addColumn(q -> titles.getOrDefault(q.bulletinId(), "#" + q.bulletinId()))
                .setHeader(getTranslation("ui.bulletins.name")).setFlexGrow(1);
        queueGrid.addColumn(q -> Formats.duration(durations.getOrDefault(q.id(), 0L)))
                .setHeader(getTranslation("ui.queue.length")).setAutoWidth(true).setFlexGrow(0);
        queueGrid.addColumn(q -> Formats.date(q.fromDate()) + " – " + Formats.date(q.toDate()))
                .setHeader(getTranslation("ui.queue.dates")).setAutoWidth(true).setFlexGrow(0);
        queueGrid.addComponentColumn(this::entryActions).setAutoWidth(true).setFlexGrow(0);
        // Drag a row between two others; the entry travels as its id, placed where the target is now.
        queueGrid.setRowsDraggable(true);
        queueGrid.setDropMode(GridDropMode.BETWEEN);
        queueGrid.setDragDataGenerator("text", q -> Long.toString(q.id()));
        queueGrid.addDropListener(this::dropped);
        queueGrid.setAllRowsVisible(true);
        queueGrid.setEmptyStateText(getTranslation("ui.queue.empty"));
        queueCard.addClassName("loaxa-card");
        queueCard.setVisible(false);
        add(head, grid, queueCard);
        refresh();
    }

    private void select(Programme p) {
        selected = p;
        queueCard.removeAll();
        queueCard.setVisible(p != null);
        if (p == null) {
            return;
        }
        titles = bulletins.findAll().stream().collect(Collectors.toMap(Bulletin::id, Bulletin::title));
        var entries = queue.entries(p.id());
        durations.clear();
        durations.putAll(queue.durations(entries));
        queueGrid.setItems(entries);
        queueGrid.setId("queue-grid");
        var bulletin = new ComboBox<Bulletin>(getTranslation("ui.queue.bulletin"));
        bulletin.setItems(bulletins.findAll().stream()
                .filter(b -> !b.deleted() && b.state() == BulletinState.APPROVED).toList());
        bulletin.setItemLabelGenerator(Bulletin::title);
        Combos.selectFirstMatchOnEnter(bulletin);
        bulletin.setWidth("24em");
        var from = Pickers.date(getTranslation("ui.queue.from"));
        from.setValue(today());
        var to = Pickers.date(getTranslation("ui.queue.to"));
        to.setId("queue-to");
        to.setHelperText(getTranslation("ui.queue.toHelp"));
        // The entry runs as long as the bulletin was approved for, unless the operator says otherwise.
        bulletin.addValueChangeListener(e -> suggestEnd(p, bulletin.getValue(), from.getValue(), to));
        from.addValueChangeListener(e -> suggestEnd(p, bulletin.getValue(), e.getValue(), to));
        bulletin.setId("queue-bulletin");
        from.setId("queue-from");
        var add = new Button(getTranslation("ui.queue.add"), VaadinIcon.PLUS.create(), e -> {
            if (bulletin.isEmpty() || from.isEmpty() || to.isEmpty()) {
                Notices.error(this, getTranslation("ui.bulletins.missing"));
                return;
            }
            if (Notices.attempt(this, () -> queue.assign(bulletin.getValue().id(), p.id(), from.getValue(),
                    to.getValue()))) {
                select(p);
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("queue-add");
        var form = new Div(bulletin, from, to, add);
        form.addClassName("loaxa-toolbar");
        queueCard.add(new H3(getTranslation("ui.queue.title", p.name())), queueGrid, loadLine(p), form);
    }

    private void suggestEnd(Programme p, Bulletin bulletin, LocalDate from, DatePicker to) {
        if (bulletin != null && from != null) {
            to.setValue(queue.defaultEnd(bulletin.id(), p.id(), from));
        }
    }

    /** The fullest coming day against the programme's limit: what does not fit is dropped at air time. */
    private Div loadLine(Programme p) {
        var load = queue.load(p.id(), today());
        var line = new Div(getTranslation("ui.queue.total", Formats.duration(load.totalMs()),
                Formats.duration(load.limitMs()), Formats.date(load.day())));
        line.setId("queue-total");
        if (load.over()) {
            var warn = new Div(getTranslation("ui.queue.over", Formats.duration(load.totalMs() - load.limitMs()),
                    Formats.date(load.day())));
            warn.addClassName("loaxa-alert");
            warn.setId("queue-over");
            return new Div(line, warn);
        }
        return new Div(line);
    }

    private Span entryActions(QueueEntry q) {
        var up = new Button(VaadinIcon.ARROW_UP.create(), e -> shift(q, -1));
        up.setAriaLabel(getTranslation("ui.queue.up"));
        up.setId("queue-up-" + q.id());
        var down = new Button(VaadinIcon.ARROW_DOWN.create(), e -> shift(q, 1));
        down.setAriaLabel(getTranslation("ui.queue.down"));
        down.setId("queue-down-" + q.id());
        var remove = new Button(VaadinIcon.TRASH.create(), e -> confirmRemove(q));
        remove.setAriaLabel(getTranslation("ui.queue.remove"));
        remove.setId("queue-remove-" + q.id());
        for (var b : List.of(up, down, remove)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new Span(up, down, remove);
    }

    /**
     * Counted in the order as stored now, not as the page showed it: another operator may have
     * moved entries since, and the dropped entry lands next to the row it was dropped on.
     */
    private void dropped(GridDropEvent<QueueEntry> e) {
        var target = e.getDropTargetItem().orElse(null);
        long moved;
        try {
            moved = Long.parseLong(e.getDataTransferText().strip());
        } catch (NumberFormatException | NullPointerException notOurs) {
            return;
        }
        if (selected == null || target == null || target.id() == moved) {
            return;
        }
        var order = queue.entries(selected.id()).stream().map(QueueEntry::id).filter(id -> id != moved).toList();
        int at = order.indexOf(target.id());
        if (at >= 0) {
            int index = at + (e.getDropLocation() == GridDropLocation.BELOW ? 1 : 0);
            Notices.attempt(this, () -> queue.move(moved, index));
        }
        select(selected);
    }

    private void shift(QueueEntry q, int by) {
        if (Notices.attempt(this, () -> queue.shift(q.id(), by))) {
            select(selected);
        }
    }

    private void confirmRemove(QueueEntry q) {
        var programme = selected;
        var title = titles.getOrDefault(q.bulletinId(), "#" + q.bulletinId());
        var confirm = new ConfirmDialog(getTranslation("ui.queue.removeConfirm.title"),
                getTranslation("ui.queue.removeConfirm.text", title, programme.name(), Formats.date(q.fromDate()),
                        Formats.date(q.toDate())),
                getTranslation("ui.queue.remove"), ok -> {
                    if (Notices.attempt(this, () -> queue.remove(q.id()))) {
                        Notices.success(this, "ui.queue.removed", title, programme.name());
                        select(programme);
                    }
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("ui.cancel"));
        confirm.setId("queue-remove-confirm");
        confirm.open();
    }

    private LocalDate today() {
        return stationTime.today();
    }

    private void refresh() {
        grid.setItems(programmes.findAll());
    }

    static String dayNames(com.vaadin.flow.component.Component c, java.util.Set<DayOfWeek> days) {
        return Arrays.stream(DayOfWeek.values()).filter(days::contains)
                .map(d -> c.getTranslation("ui.day.short." + d.name())).collect(Collectors.joining(" "));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.programmes.title") + " | " + getTranslation("app.name");
    }
}
