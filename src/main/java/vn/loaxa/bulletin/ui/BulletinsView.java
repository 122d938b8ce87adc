package vn.loaxa.bulletin.ui;

import java.util.Map;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
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
    private final Grid<Bulletin> grid = new Grid<>();
    private final Map<Long, String> topicNames;

    BulletinsView(BulletinService bulletins, TopicService topics, LibraryService library,
                  AuthenticationContext auth, StationTime stationTime) {
        this.stationTime = stationTime;
        this.bulletins = bulletins;
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
        add(grid);
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
            span.add(submit);
        }
        return span;
    }

    private void refresh() {
        grid.setItems(bulletins.findAll().stream().filter(b -> !b.deleted()).toList());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.bulletins.title") + " | " + getTranslation("app.name");
    }
}
