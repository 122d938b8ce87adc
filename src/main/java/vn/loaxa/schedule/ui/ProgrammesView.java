package vn.loaxa.schedule.ui;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
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

        var titles = bulletins.findAll().stream().collect(Collectors.toMap(Bulletin::id, Bulletin::title));
        queueGrid.addColumn(QueueEntry::position).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        queueGrid.addColumn(q -> titles.getOrDefault(q.bulletinId(), "#" + q.bulletinId()))
                .setHeader(getTranslation("ui.bulletins.name")).setFlexGrow(1);
        queueGrid.addColumn(q -> Formats.date(q.fromDate()) + " – " + Formats.date(q.toDate()))
                .setHeader(getTranslation("ui.queue.dates")).setAutoWidth(true).setFlexGrow(0);
        queueGrid.addComponentColumn(q -> {
            var remove = new Button(VaadinIcon.TRASH.create(), e -> {
                if (Notices.attempt(this, () -> queue.remove(q.id()))) {
                    select(selected);
                }
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            remove.setAriaLabel(getTranslation("ui.queue.remove"));
            return remove;
        }).setAutoWidth(true).setFlexGrow(0);
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
        queueGrid.setItems(queue.entries(p.id()));
        var bulletin = new ComboBox<Bulletin>(getTranslation("ui.queue.bulletin"));
        bulletin.setItems(bulletins.findAll().stream()
                .filter(b -> !b.deleted() && b.state() == BulletinState.APPROVED).toList());
        bulletin.setItemLabelGenerator(Bulletin::title);
        Combos.selectFirstMatchOnEnter(bulletin);
        bulletin.setWidth("24em");
        var from = Pickers.date(getTranslation("ui.queue.from"));
        from.setValue(today());
        var to = Pickers.date(getTranslation("ui.queue.to"));
        to.setValue(today().plusDays(6));
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
        var form = new Div(bulletin, from, to, add);
        form.addClassName("loaxa-toolbar");
        queueCard.add(new H3(getTranslation("ui.queue.title", p.name())), queueGrid, form);
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
