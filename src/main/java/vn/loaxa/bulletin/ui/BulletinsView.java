package vn.loaxa.bulletin.ui;

import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;
import vn.loaxa.base.Limits;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.ColumnsByWidth;
import vn.loaxa.base.ui.Combos;
import vn.loaxa.base.ui.Formats;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.base.ui.Pickers;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.bulletin.QueuedBulletins;
import vn.loaxa.bulletin.Topic;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;

/** Bulletins: an operator makes one from a library file, tags its CCHC topic and validity, and submits it. */
@Route("bulletins")
@Menu(order = 2, title = "ui.nav.bulletins")
@RolesAllowed({"ADMIN", "OPERATOR", "APPROVER"})
class BulletinsView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final BulletinService bulletins;
    private final TopicService topics;
    private final LibraryService library;
    private final QueuedBulletins queued;
    private final Grid<Bulletin> grid = new Grid<>();
    private final Div unqueued = new Div();
    private final Map<Long, String> topicNames;

    BulletinsView(BulletinService bulletins, TopicService topics, LibraryService library, QueuedBulletins queued,
                  AuthenticationContext auth, StationTime stationTime) {
        this.stationTime = stationTime;
        this.bulletins = bulletins;
        this.topics = topics;
        this.library = library;
        this.queued = queued;
        addClassName("loaxa-page");
        topicNames = topics.findAll().stream().collect(Collectors.toMap(Topic::id, Topic::name));
        var head = new Div(new H1(getTranslation("ui.bulletins.title")));
        head.addClassName("loaxa-view-head");
        add(head);
        if (auth.hasAnyRole("ADMIN", "OPERATOR")) {
            add(form(topics, library));
        }
        grid.addColumn(Bulletin::title).setHeader(getTranslation("ui.bulletins.name")).setFlexGrow(3);
        grid.addColumn(b -> topicNames.getOrDefault(b.topicId(), "")).setHeader(getTranslation("ui.bulletins.topic"))
                .setFlexGrow(2);
        grid.addColumn(b -> Formats.date(b.validFrom()) + " – " + (b.validTo() == null ? "…" : Formats.date(b.validTo())))
                .setHeader(getTranslation("ui.bulletins.validity")).setWidth("14em").setFlexGrow(0);
        grid.addComponentColumn(b -> StateBadge.of(this, b.state())).setHeader(getTranslation("ui.bulletins.state"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(b -> b.comment() == null ? "" : b.comment()).setHeader(getTranslation("ui.bulletins.comment"))
                .setFlexGrow(2);
        if (auth.hasAnyRole("ADMIN", "OPERATOR")) {
            grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        }
        ColumnsByWidth.of(grid).hideBelow(ColumnsByWidth.LAPTOP, 2, 4).hideBelow(ColumnsByWidth.PHONE, 1);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("ui.empty"));
        grid.setId("bulletin-grid");
        unqueued.setId("bulletins-unqueued");
        add(unqueued, grid);
        refresh();
    }

    private Div form(TopicService topics, LibraryService library) {
        var asset = new ComboBox<AudioAsset>(getTranslation("ui.bulletins.audio"));
        asset.setItems(library.findAll().stream().filter(a -> !a.retired()).toList());
        asset.setItemLabelGenerator(a -> a.title() + " (" + Formats.duration(a.durationMs()) + ")");
        asset.setId("bulletin-asset");
        Combos.selectFirstMatchOnEnter(asset);
        var title = new TextField(getTranslation("ui.bulletins.name"));
        title.setId("bulletin-title");
        title.setMaxLength(Limits.TITLE);
        asset.addValueChangeListener(e -> {
            if (e.getValue() != null && title.isEmpty()) {
                title.setValue(e.getValue().title());
            }
        });
        var topic = new ComboBox<Topic>(getTranslation("ui.bulletins.topic"));
        topic.setItems(topics.findAll().stream().filter(t -> !t.retired()).toList());
        topic.setItemLabelGenerator(Topic::name);
        topic.setId("bulletin-topic");
        Combos.selectFirstMatchOnEnter(topic);
        var author = new TextField(getTranslation("ui.bulletins.author"));
        var source = new TextField(getTranslation("ui.bulletins.source"));
        author.setMaxLength(Limits.TITLE);
        source.setMaxLength(Limits.TITLE);
        var from = Pickers.date(getTranslation("ui.bulletins.validFrom"));
        from.setValue(stationTime.today());
        var to = Pickers.date(getTranslation("ui.bulletins.validTo"));
        var save = new Button(getTranslation("ui.bulletins.createSubmit"), e -> {
            if (asset.isEmpty() || topic.isEmpty() || from.isEmpty()) {
                Notices.error(this, getTranslation("ui.bulletins.missing"));
                return;
            }
            var draft = new Bulletin.Draft(asset.getValue().id(), title.getValue(), topic.getValue().id(),
                    author.getValue(), source.getValue(), from.getValue(), to.getValue());
            if (Notices.attempt(this, () -> bulletins.submit(bulletins.create(draft).id()))) {
                Notices.success(this, "ui.bulletins.submitted", title.getValue());
                asset.clear();
                title.clear();
                refresh();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("bulletin-submit");
        var form = new FormLayout(asset, title, topic, author, source, from, to);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        form.setColspan(title, 2);
        var card = new Div(new H3(getTranslation("ui.bulletins.new")), form, save);
        card.addClassName("loaxa-card");
        return card;
    }

    private Span actions(Bulletin b) {
        var span = new Span();
        if (b.state() == BulletinState.DRAFT || b.state() == BulletinState.REJECTED) {
            var submit = new Button(getTranslation("ui.bulletins.submit"), e -> {
                if (Notices.attempt(this, () -> bulletins.submit(b.id()))) {
                    refresh();
                }
            });
            submit.addThemeVariants(ButtonVariant.LUMO_SMALL);
            submit.setId("bulletin-submit-" + b.id());
            span.add(submit);
        }
        // An approved one is changed by rejecting it first: editing it here would take it off air unasked.
        if (b.state() != BulletinState.APPROVED && bulletins.mayChangeNow(b)) {
            var edit = new Button(getTranslation("ui.bulletins.edit"), e -> edit(b));
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            edit.setId("bulletin-edit-" + b.id());
            span.add(edit);
        }
        if (b.state() == BulletinState.SUBMITTED && bulletins.mayChangeNow(b)) {
            var withdraw = new Button(getTranslation("ui.bulletins.withdraw"), e -> {
                var confirm = new ConfirmDialog(getTranslation("ui.bulletins.withdraw.title"),
                        getTranslation("ui.bulletins.withdraw.text", b.title()),
                        getTranslation("ui.bulletins.withdraw"), ok -> {
                            if (Notices.attempt(this, () -> bulletins.withdraw(b.id()))) {
                                Notices.success(this, "ui.bulletins.withdrawn", b.title());
                                refresh();
                            }
                        });
                confirm.setCancelable(true);
                confirm.setCancelText(getTranslation("ui.cancel"));
                confirm.setId("bulletin-withdraw-confirm");
                confirm.open();
            });
            withdraw.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            withdraw.setId("bulletin-withdraw-" + b.id());
            span.add(withdraw);
        }
        return span;
    }

    /**
     * Edit and send for approval again, the audio replaceable from the library: the way back from a
     * rejection (or a submission the author wants to correct). The air log keeps what aired before.
     */
    private void edit(Bulletin b) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("ui.bulletins.edit.title", b.title()));
        dialog.setId("bulletin-edit-dialog");
        var asset = new ComboBox<AudioAsset>(getTranslation("ui.bulletins.audio"));
        var assets = library.findAll().stream().filter(a -> !a.retired()).toList();
        asset.setItems(assets);
        asset.setItemLabelGenerator(a -> a.title() + " (" + Formats.duration(a.durationMs()) + ")");
        assets.stream().filter(a -> a.id() == b.assetId()).findFirst().ifPresent(asset::setValue);
        asset.setHelperText(getTranslation("ui.bulletins.edit.audioHelp"));
        asset.setId("bulletin-edit-asset");
        var title = new TextField(getTranslation("ui.bulletins.name"));
        title.setMaxLength(Limits.TITLE);
        title.setValue(b.title());
        title.setId("bulletin-edit-title");
        var topic = new ComboBox<Topic>(getTranslation("ui.bulletins.topic"));
        var live = topics.findAll().stream().filter(t -> !t.retired()).toList();
        topic.setItems(live);
        topic.setItemLabelGenerator(Topic::name);
        live.stream().filter(t -> t.id() == b.topicId()).findFirst().ifPresent(topic::setValue);
        var author = new TextField(getTranslation("ui.bulletins.author"));
        author.setMaxLength(Limits.TITLE);
        author.setValue(b.author());
        var source = new TextField(getTranslation("ui.bulletins.source"));
        source.setMaxLength(Limits.TITLE);
        source.setValue(b.source());
        var from = Pickers.date(getTranslation("ui.bulletins.validFrom"));
        from.setValue(b.validFrom());
        var to = Pickers.date(getTranslation("ui.bulletins.validTo"));
        to.setValue(b.validTo());
        var form = new FormLayout(asset, title, topic, author, source, from, to);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        dialog.add(form);
        if (b.comment() != null && b.state() == BulletinState.REJECTED) {
            var why = new Paragraph(getTranslation("ui.bulletins.edit.rejectedBecause", b.comment()));
            why.addClassName("loaxa-warn");
            dialog.add(why);
        }
        var save = new Button(getTranslation("ui.bulletins.edit.saveSubmit"), e -> {
            if (asset.isEmpty() || topic.isEmpty() || from.isEmpty()) {
                Notices.error(this, getTranslation("ui.bulletins.missing"));
                return;
            }
            var draft = new Bulletin.Draft(asset.getValue().id(), title.getValue(), topic.getValue().id(),
                    author.getValue(), source.getValue(), from.getValue(), to.getValue());
            boolean onlyAudio = draft.equals(new Bulletin.Draft(draft.assetId(), b.title(), b.topicId(), b.author(),
                    b.source(), b.validFrom(), b.validTo()));
            // Only the audio changed: recorded as a replacement, which the audit trail names as such.
            if (Notices.attempt(this, () -> bulletins.submit((onlyAudio && draft.assetId() != b.assetId()
                    ? bulletins.replaceAudio(b.id(), draft.assetId()) : bulletins.update(b.id(), draft)).id()))) {
                Notices.success(this, "ui.bulletins.submitted", title.getValue());
                dialog.close();
                refresh();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("bulletin-edit-save");
        dialog.getFooter().add(new Button(getTranslation("ui.cancel"), e -> dialog.close()), save);
        dialog.setWidth("44em");
        dialog.open();
    }

    private void refresh() {
        var all = bulletins.findAll().stream().filter(b -> !b.deleted()).toList();
        grid.setItems(all);
        // Approved and still valid, but no programme airs it any more: approved work going nowhere.
        var today = stationTime.today();
        var aired = queued.queuedOnOrAfter(today);
        var idle = all.stream().filter(b -> b.state() == BulletinState.APPROVED)
                .filter(b -> b.validTo() == null || !b.validTo().isBefore(today))
                .filter(b -> !aired.contains(b.id())).toList();
        unqueued.removeAll();
        unqueued.setVisible(!idle.isEmpty());
        if (!idle.isEmpty()) {
            var names = new UnorderedList();
            idle.forEach(b -> names.add(new ListItem(b.title())));
            unqueued.add(new Paragraph(getTranslation("ui.bulletins.unqueued", idle.size())), names);
            unqueued.addClassName("loaxa-alert");
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.bulletins.title") + " | " + getTranslation("app.name");
    }
}
