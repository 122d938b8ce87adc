package vn.loaxa.bulletin.ui;

import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;

import jakarta.annotation.security.RolesAllowed;
import vn.loaxa.base.Limits;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.ColumnsByWidth;
import vn.loaxa.base.ui.Formats;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.bulletin.Topic;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;

/** Commune leadership's inbox: listen, then approve, or reject saying why. */
@Route("approvals")
@Menu(order = 3, title = "ui.nav.approvals")
@RolesAllowed({"ADMIN", "APPROVER"})
class ApprovalView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final BulletinService bulletins;
    private final LibraryService library;
    private final Map<Long, String> topicNames;
    private final Grid<Bulletin> inbox = new Grid<>();
    private final Div detail = new Div();

    ApprovalView(BulletinService bulletins, TopicService topics, LibraryService library, StationTime stationTime) {
        this.stationTime = stationTime;
        this.bulletins = bulletins;
        this.library = library;
        addClassName("loaxa-page");
        topicNames = topics.findAll().stream().collect(Collectors.toMap(Topic::id, Topic::name));
        inbox.addColumn(Bulletin::title).setHeader(getTranslation("ui.bulletins.name")).setFlexGrow(3);
        inbox.addColumn(b -> topicNames.getOrDefault(b.topicId(), "")).setHeader(getTranslation("ui.bulletins.topic"))
                .setFlexGrow(2);
        inbox.addColumn(Bulletin::createdBy).setHeader(getTranslation("ui.bulletins.createdBy")).setAutoWidth(true)
                .setFlexGrow(0);
        inbox.addColumn(b -> stationTime.formatDateTime(b.createdAt())).setHeader(getTranslation("ui.bulletins.createdAt"))
                .setAutoWidth(true).setFlexGrow(0);
        ColumnsByWidth.of(inbox).hideBelow(ColumnsByWidth.PHONE, 2, 3);
        inbox.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        inbox.setEmptyStateText(getTranslation("ui.approvals.empty"));
        inbox.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        inbox.setId("approval-grid");
        detail.addClassName("loaxa-card");
        detail.setVisible(false);
        detail.setId("approval-detail");
        var head = new Div(new H1(getTranslation("ui.approvals.title")));
        head.addClassName("loaxa-view-head");
        var main = new Div(inbox, detail);
        main.addClassName("loaxa-split");
        add(head, main);
        refresh();
    }

    private void show(Bulletin b) {
        detail.removeAll();
        detail.setVisible(b != null);
        if (b == null) {
            return;
        }
        var player = new Div();
        library.find(b.assetId()).ifPresent(a -> {
            var audio = new Element("audio");
            audio.setAttribute("controls", true);
            audio.setAttribute("preload", "none");
            audio.setAttribute("src", DownloadHandler.forFile(library.fileOf(a).toFile(), a.storedName()));
            player.getElement().appendChild(audio);
        });
        player.addClassName("loaxa-audio");
        var facts = new Paragraph(getTranslation("ui.approvals.facts", topicNames.getOrDefault(b.topicId(), ""),
                b.author().isBlank() ? "—" : b.author(), b.source().isBlank() ? "—" : b.source(),
                Formats.date(b.validFrom()),
                b.validTo() == null ? "…" : Formats.date(b.validTo())));
        var comment = new TextArea(getTranslation("ui.bulletins.comment"));
        comment.setWidthFull();
        comment.setId("approval-comment");
        comment.setMaxLength(Limits.TEXT);
        var approve = new Button(getTranslation("ui.approvals.approve"), e -> {
            if (Notices.attempt(this, () -> bulletins.approve(b.id(), comment.getValue()))) {
                Notices.success(this, "ui.approvals.approved", b.title());
                refresh();
            }
        });
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        approve.setId("approve");
        var reject = new Button(getTranslation("ui.approvals.reject"), e -> {
            if (Notices.attempt(this, () -> bulletins.reject(b.id(), comment.getValue()))) {
                Notices.success(this, "ui.approvals.rejected", b.title());
                refresh();
            }
        });
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        reject.setId("reject");
        var buttons = new Div(approve, reject);
        buttons.addClassName("loaxa-toolbar");
        detail.add(new H3(b.title()), player, facts, comment, buttons);
        if (bulletins.isOwn(b)) {
            // The service refuses it too; here the author sees why before trying.
            approve.setEnabled(false);
            var own = new Paragraph(getTranslation("ui.approvals.own"));
            own.addClassName("loaxa-alert");
            own.setId("approval-own");
            detail.add(own);
        }
    }

    private void refresh() {
        detail.setVisible(false);
        inbox.setItems(bulletins.findAll().stream()
                .filter(b -> !b.deleted() && b.state() == BulletinState.SUBMITTED).toList());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.approvals.title") + " | " + getTranslation("app.name");
    }
}
