package vn.loaxa.audit.ui;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import jakarta.annotation.security.RolesAllowed;
import vn.loaxa.audit.AuditCsv;
import vn.loaxa.audit.AuditRecords.Logged;
import vn.loaxa.audit.AuditRecords.Query;
import vn.loaxa.audit.AuditTrail;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.ColumnsByWidth;
import vn.loaxa.base.ui.Pickers;

/**
 * "Nhật ký thao tác": who changed what, when and from where, read only. Filters by dates, person,
 * action and target; pages lazily from SQLite; the CSV of what is filtered; and the chain check,
 * run when the page opens and on demand.
 */
@Route("audit")
@Menu(order = 8, title = "ui.nav.audit")
@RolesAllowed({"ADMIN", "REPORTER"})
class AuditView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final AuditTrail trail;
    private final DatePicker from;
    private final DatePicker to;
    /** A combo box: refused logins bring every name anyone typed, which a plain list would not hold. */
    private final ComboBox<String> actor = new ComboBox<>();
    private final Select<String> action = new Select<>();
    private final TextField target = new TextField();
    private final Grid<Logged> grid = new Grid<>();
    private final Div verifyResult = new Div();

    AuditView(AuditTrail trail, StationTime stationTime) {
        this.stationTime = stationTime;
        this.trail = trail;
        addClassName("loaxa-page");
        var today = stationTime.today();
        from = Pickers.date(getTranslation("ui.queue.from"));
        from.setValue(today.minusDays(29));
        from.setId("audit-from");
        to = Pickers.date(getTranslation("ui.queue.to"));
        to.setValue(today);
        to.setId("audit-to");
        actor.setLabel(getTranslation("ui.audit.actor"));
        actor.setItems(trail.actors());
        actor.setClearButtonVisible(true);
        actor.setPlaceholder(getTranslation("ui.all"));
        actor.setId("audit-actor");
        action.setLabel(getTranslation("ui.audit.action"));
        action.setItems(trail.actions());
        action.setItemLabelGenerator(a -> a == null ? getTranslation("ui.all") : AuditCsv.actionName(getLocale(), a));
        action.setId("audit-action");
        action.setEmptySelectionAllowed(true);
        action.setEmptySelectionCaption(getTranslation("ui.all"));
        target.setLabel(getTranslation("ui.audit.target"));
        target.setClearButtonVisible(true);
        target.setValueChangeMode(ValueChangeMode.LAZY);
        target.setId("audit-target");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        actor.addValueChangeListener(e -> refresh());
        action.addValueChangeListener(e -> refresh());
        target.addValueChangeListener(e -> refresh());

        var csv = new Anchor(DownloadHandler.fromInputStream(event -> {
            var out = new ByteArrayOutputStream();
            AuditCsv.write(trail.query(query(0, Integer.MAX_VALUE)).rows(), stationTime.zone(), getLocale(), out);
            return new DownloadResponse(new ByteArrayInputStream(out.toByteArray()),
                    "nhat-ky-thao-tac-" + from.getValue() + "-" + to.getValue() + ".csv", "text/csv;charset=UTF-8",
                    out.size());
        }), "");
        csv.add(new Button(getTranslation("ui.airlog.csv"), VaadinIcon.DOWNLOAD.create()));
        csv.setId("audit-csv");
        var verify = new Button(getTranslation("ui.airlog.verify"), VaadinIcon.CHECK_CIRCLE.create(), e -> verify());
        verify.setId("audit-verify");
        verifyResult.setId("audit-verify-result");
        var filters = new Div(from, to, actor, action, target, csv, verify);
        filters.addClassName("loaxa-toolbar");
        filters.addClassName("loaxa-filters");

        grid.addColumn(r -> stationTime.formatDateTimeSeconds(r.at()))
                .setHeader(getTranslation("audit.csv.at")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Logged::actor).setHeader(getTranslation("audit.csv.actor")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> AuditCsv.actionName(getLocale(), r.action())).setHeader(getTranslation("audit.csv.action"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::targetText).setHeader(getTranslation("ui.audit.target")).setFlexGrow(1);
        grid.addColumn(Logged::detailsText).setHeader(getTranslation("audit.csv.details")).setFlexGrow(3);
        grid.addColumn(r -> getTranslation("audit.via." + r.via().name()) + (r.clientAddress() == null ? ""
                : " · " + r.clientAddress())).setHeader(getTranslation("audit.csv.via")).setAutoWidth(true)
                .setFlexGrow(0);
        ColumnsByWidth.of(grid).hideBelow(ColumnsByWidth.LAPTOP, 4, 5).hideBelow(ColumnsByWidth.PHONE, 1, 3);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText(getTranslation("ui.empty"));
        grid.setPageSize(50);
        grid.setItems(q -> trail.query(query(q.getPage(), q.getPageSize())).rows().stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, trail.query(query(0, 1)).total()));
        grid.setId("audit-grid");
        grid.addClassName("loaxa-tall-grid");
        var head = new Div(new H1(getTranslation("ui.audit.title")));
        head.addClassName("loaxa-view-head");
        add(head, filters, verifyResult, grid);
        verify();
    }

    private String targetText(Logged r) {
        var kind = r.targetKind() == null ? "" : AuditCsv.targetName(getLocale(), r.targetKind());
        var id = r.targetId() == null ? "" : " #" + r.targetId();
        var name = r.targetName() == null || r.targetName().isBlank() ? "" : ": " + r.targetName();
        return kind + id + name;
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private Query query(int page, int size) {
        var start = stationTime.startOfDay(from.isEmpty() ? LocalDate.of(2000, 1, 1) : from.getValue());
        var end = stationTime.endOfDay(to.isEmpty() ? LocalDate.of(2100, 1, 1) : to.getValue());
        return new Query(start, end, actor.getValue(), action.getValue(),
                target.getValue().isBlank() ? null : target.getValue().strip(), page, size);
    }

    private void verify() {
        var v = trail.verify();
        verifyResult.removeAll();
        verifyResult.setClassName(v.intact() ? "loaxa-ok" : "loaxa-alert");
        verifyResult.setText(v.intact() ? getTranslation("ui.audit.intact", String.valueOf(v.checkedRows()),
                v.headHash() == null ? "-" : v.headHash())
                : getTranslation("ui.audit.broken", String.valueOf(v.firstBadRow()), v.problem()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.audit.title") + " | " + getTranslation("app.name");
    }
}
