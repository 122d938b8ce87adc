package vn.loaxa.schedule.ui;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.loaxa.base.Limits;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.ColumnsByWidth;
import vn.loaxa.base.ui.Combos;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.base.ui.Pickers;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.bulletin.Topic;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.OneOff;
import vn.loaxa.schedule.OneOffCollision;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * One-off broadcasts of an approved bulletin at a chosen moment, and the list of those to come. An
 * admin may pick any audio of the library instead; the service refuses it to anyone else.
 */
@Route("broadcasts")
@Menu(order = 6, title = "ui.nav.oneOffs")
@RolesAllowed({"ADMIN", "OPERATOR"})
class OneOffsView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final OneOffService oneOffs;
    private final Clock clock;
    private final Grid<OneOff> grid = new Grid<>();

    OneOffsView(OneOffService oneOffs, BulletinService bulletins, TopicService topics, LibraryService library,
                VillageService villages, Clock clock, StationTime stationTime) {
        this.stationTime = stationTime;
        this.oneOffs = oneOffs;
        this.clock = clock;
        addClassName("loaxa-page");
        var bulletin = new ComboBox<Bulletin>(getTranslation("ui.queue.bulletin"));
        bulletin.setItems(bulletins.findAll().stream()
                .filter(b -> !b.deleted() && b.state() == BulletinState.APPROVED).toList());
        bulletin.setItemLabelGenerator(Bulletin::title);
        // The topic is what the report counts it under: the operator sees it when choosing.
        var topicNames = topics.findAll().stream().collect(Collectors.toMap(Topic::id, Topic::name));
        bulletin.setRenderer(new ComponentRenderer<>(b -> {
            var topic = new Span(topicNames.getOrDefault(b.topicId(), ""));
            topic.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                    .set("display", "block");
            return new Div(new Span(b.title()), topic);
        }));
        bulletin.setHelperText(getTranslation("ui.oneOffs.bulletinHelp"));
        bulletin.setId("oneoff-bulletin");
        Combos.selectFirstMatchOnEnter(bulletin);
        var otherAudio = new ComboBox<AudioAsset>(getTranslation("ui.oneOffs.otherAudio"));
        otherAudio.setItems(library.findAll().stream().filter(a -> !a.retired()).toList());
        otherAudio.setItemLabelGenerator(AudioAsset::title);
        otherAudio.setHelperText(getTranslation("ui.oneOffs.otherAudioHelp"));
        otherAudio.setId("oneoff-audio");
        Combos.selectFirstMatchOnEnter(otherAudio);
        otherAudio.setVisible(oneOffs.mayAirUnapproved());
        bulletin.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                otherAudio.clear();
            }
        });
        otherAudio.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                bulletin.clear();
            }
        });
        var reason = new TextField(getTranslation("ui.oneOffs.reason"));
        reason.setMaxLength(OneOffService.MAX_REASON);
        reason.setId("oneoff-reason");
        var title = new TextField(getTranslation("ui.oneOffs.name"));
        title.setMaxLength(Limits.TITLE);
        var when = Pickers.dateTime(getTranslation("ui.oneOffs.when"));
        when.setStep(Duration.ofSeconds(1));
        when.setValue(stationTime.localNow().plusMinutes(5).withNano(0));
        when.setId("oneoff-when");
        var priority = new Select<Priority>();
        priority.setLabel(getTranslation("ui.programmes.priority"));
        priority.setItems(Priority.NORMAL, Priority.PRIORITY);
        priority.setItemLabelGenerator(p -> getTranslation("airlog.priority." + p.name()));
        priority.setValue(Priority.NORMAL);
        var targets = new MultiSelectComboBox<Village>(getTranslation("ui.programmes.villages"));
        var enabled = villages.findAll().stream().filter(Village::enabled).toList();
        targets.setItems(enabled);
        targets.setItemLabelGenerator(Village::name);
        targets.setValue(new LinkedHashSet<>(enabled));
        var save = new Button(getTranslation("ui.oneOffs.schedule"), VaadinIcon.CLOCK.create(), e -> {
            if (bulletin.isEmpty() && otherAudio.isEmpty() || when.isEmpty()) {
                Notices.error(this, getTranslation("ui.bulletins.missing"));
                return;
            }
            var start = stationTime.instant(when.getValue());
            var name = bulletin.isEmpty() ? otherAudio.getValue().title() : bulletin.getValue().title();
            // A bulletin goes as a bulletin, so its topic reaches the air log; other audio is an admin's raw audio.
            List<Long> bulletinIds = bulletin.isEmpty() ? List.of() : List.of(bulletin.getValue().id());
            List<Long> assetIds = bulletin.isEmpty() ? List.of(otherAudio.getValue().id()) : List.of();
            Runnable store = () -> {
                if (Notices.attempt(this, () -> oneOffs.schedule(title.isEmpty() ? name : title.getValue(), start,
                        bulletinIds, assetIds, targets.getValue().stream().map(Village::id).toList(),
                        priority.getValue(), reason.getValue()))) {
                    Notices.success(this, "ui.oneOffs.scheduled", name, stationTime.formatDateTime(start));
                    reason.clear();
                    refresh();
                }
            };
            List<OneOffCollision> collisions;
            try {
                collisions = oneOffs.collisions(start, bulletinIds, assetIds, priority.getValue());
            } catch (RuntimeException ex) {
                // The service's own checks will say what is wrong with the input when it is stored.
                collisions = List.of();
            }
            if (collisions.isEmpty()) {
                store.run();
            } else {
                confirmCollisions(collisions, store);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("oneoff-save");
        var form = new FormLayout(bulletin, otherAudio, title, when, priority, targets, reason);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        form.setColspan(targets, 2);
        form.setColspan(reason, 3);
        var card = new Div(new H3(getTranslation("ui.oneOffs.new")), form, save);
        card.addClassName("loaxa-card");

        grid.addColumn(o -> stationTime.formatDateTime(o.startsAt())).setHeader(getTranslation("ui.oneOffs.when"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(OneOff::title).setHeader(getTranslation("ui.oneOffs.name")).setFlexGrow(1);
        grid.addColumn(o -> getTranslation("airlog.priority." + o.priority().name()))
                .setHeader(getTranslation("ui.programmes.priority")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(OneOff::createdBy).setHeader(getTranslation("ui.bulletins.createdBy")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(o -> o.reason() == null ? "" : o.reason()).setHeader(getTranslation("ui.oneOffs.reasonColumn"))
                .setTooltipGenerator(o -> o.reason() == null ? "" : o.reason()).setFlexGrow(1);
        grid.addComponentColumn(o -> {
            var cancel = new Button(getTranslation("ui.oneOffs.cancel"), e -> {
                if (Notices.attempt(this, () -> oneOffs.cancel(o.id()))) {
                    refresh();
                }
            });
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            cancel.setVisible(!o.cancelled());
            return cancel;
        }).setAutoWidth(true).setFlexGrow(0);
        ColumnsByWidth.of(grid).hideBelow(ColumnsByWidth.LAPTOP, 3, 4).hideBelow(ColumnsByWidth.PHONE, 2);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("ui.empty"));
        grid.setId("oneoff-grid");
        var head = new Div(new H1(getTranslation("ui.oneOffs.title")));
        head.addClassName("loaxa-view-head");
        add(head, card, new H3(getTranslation("ui.oneOffs.upcoming")), grid);
        refresh();
    }

    /**
     * A one-off on top of a programme is allowed (a notice may have to go out then), but the operator
     * sees which programme it meets and what the engine will do before it is stored.
     */
    private void confirmCollisions(List<OneOffCollision> collisions, Runnable store) {
        var text = new Div();
        for (var c : collisions) {
            var p = c.programme();
            var line = new Paragraph(getTranslation("ui.oneOffs.collision." + c.outcome().name(), p.title(),
                    stationTime.formatTime(p.plannedStart()),
                    stationTime.formatTime(p.plannedStart().plusMillis(p.nominalMs())), c.seconds()));
            line.addClassName("oneoff-collision");
            text.add(line);
        }
        var dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation("ui.oneOffs.collisionTitle"));
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("ui.oneOffs.collisionCancel"));
        dialog.setConfirmText(getTranslation("ui.oneOffs.collisionConfirm"));
        dialog.addConfirmListener(e -> store.run());
        dialog.setId("oneoff-collision-dialog");
        dialog.open();
    }

    private void refresh() {
        var now = clock.instant();
        grid.setItems(oneOffs.findBetween(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(60))).stream()
                .filter(o -> !o.cancelled()).toList());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.oneOffs.title") + " | " + getTranslation("app.name");
    }
}
