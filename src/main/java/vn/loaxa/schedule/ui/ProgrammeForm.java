package vn.loaxa.schedule.ui;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.jspecify.annotations.Nullable;

import vn.loaxa.base.Limits;
import vn.loaxa.base.ui.Combos;
import vn.loaxa.base.ui.Dialogs;
import vn.loaxa.base.ui.Formats;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.base.ui.Pickers;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * Creating or editing a programme. The conflicts with other programmes are shown live, before
 * saving. An overlap is not refused outright: the engine's collision rules give it a meaning (the
 * start policy waits, cuts or skips, and a priority programme may deliberately run over a normal
 * one), so an operator can want it. It is never saved by accident either: saving a clash asks
 * first, naming the programmes it overlaps. A new programme opens at the first free time.
 */
class ProgrammeForm extends Dialog {

    private final ProgrammeService programmes;
    private final @Nullable Programme edited;
    private final TextField name = new TextField();
    private final CheckboxGroup<DayOfWeek> days = new CheckboxGroup<>();
    private final com.vaadin.flow.component.timepicker.TimePicker start;
    private final IntegerField maxMinutes = new IntegerField();
    private final MultiSelectComboBox<Village> villages = new MultiSelectComboBox<>();
    private final ComboBox<AudioAsset> opening = new ComboBox<>();
    private final ComboBox<AudioAsset> closing = new ComboBox<>();
    private final Select<Priority> priority = new Select<>();
    private final Select<StartPolicy> policy = new Select<>();
    private final IntegerField waitSeconds = new IntegerField();
    private final com.vaadin.flow.component.datepicker.DatePicker validFrom;
    private final com.vaadin.flow.component.datepicker.DatePicker validTo;
    private final Checkbox enabled = new Checkbox();
    private final Div conflicts = new Div();

    ProgrammeForm(ProgrammeService programmes, VillageService villageService, LibraryService library,
                  @Nullable Programme edited, LocalDate today, Consumer<Programme> saved) {
        this.programmes = programmes;
        this.edited = edited;
        setHeaderTitle(getTranslation(edited == null ? "ui.programmes.new" : "ui.programmes.edit"));
        start = Pickers.time(getTranslation("ui.programmes.start"));
        validFrom = Pickers.date(getTranslation("ui.bulletins.validFrom"));
        validTo = Pickers.date(getTranslation("ui.bulletins.validTo"));
        name.setLabel(getTranslation("ui.programmes.name"));
        name.setId("programme-name");
        Dialogs.focusOnOpen(this, name);
        name.setMaxLength(Limits.TITLE);
        days.setLabel(getTranslation("ui.programmes.days"));
        days.setItems(DayOfWeek.values());
        days.setItemLabelGenerator(d -> getTranslation("ui.day.short." + d.name()));
        maxMinutes.setLabel(getTranslation("ui.programmes.maxMinutes"));
        maxMinutes.setMin(1);
        var enabledVillages = villageService.findAll().stream().filter(Village::enabled).toList();
        villages.setLabel(getTranslation("ui.programmes.villages"));
        villages.setItems(enabledVillages);
        villages.setItemLabelGenerator(Village::name);
        var assets = library.findAll().stream().filter(a -> !a.retired()).toList();
        for (var c : List.of(opening, closing)) {
            c.setItems(assets);
            c.setItemLabelGenerator(a -> a.title() + " (" + Formats.duration(a.durationMs()) + ")");
            c.setClearButtonVisible(true);
        }
        opening.setLabel(getTranslation("ui.programmes.opening"));
        closing.setLabel(getTranslation("ui.programmes.closing"));
        Combos.selectFirstMatchOnEnter(opening);
        Combos.selectFirstMatchOnEnter(closing);
        priority.setLabel(getTranslation("ui.programmes.priority"));
        priority.setItems(Priority.NORMAL, Priority.PRIORITY);
        priority.setItemLabelGenerator(p -> getTranslation("airlog.priority." + p.name()));
        policy.setLabel(getTranslation("ui.programmes.policy"));
        policy.setItems(StartPolicy.values());
        policy.setItemLabelGenerator(p -> getTranslation("ui.policy." + p.name()));
        waitSeconds.setLabel(getTranslation("ui.programmes.wait"));
        waitSeconds.setMin(0);
        enabled.setLabel(getTranslation("ui.programmes.enabled"));

        if (edited == null) {
            days.setValue(EnumSet.allOf(DayOfWeek.class));
            maxMinutes.setValue(30);
            villages.setValue(new java.util.LinkedHashSet<>(enabledVillages));
            start.setValue(programmes.freeStart(new Programme.Draft("", EnumSet.allOf(DayOfWeek.class),
                    ProgrammeService.FIRST_SLOT, today, null, 30 * 60, Priority.NORMAL, StartPolicy.WAIT, 60, null,
                    null, enabledVillages.stream().map(Village::id).toList(), true), null));
            priority.setValue(Priority.NORMAL);
            policy.setValue(StartPolicy.WAIT);
            waitSeconds.setValue(60);
            validFrom.setValue(today);
            enabled.setValue(true);
        } else {
            name.setValue(edited.name());
            days.setValue(edited.days());
            start.setValue(edited.startTime());
            maxMinutes.setValue(Math.max(1, edited.maxLengthSeconds() / 60));
            // In the villages' order (position), as every list of villages is shown.
            villages.setValue(enabledVillages.stream().filter(v -> edited.villageIds().contains(v.id()))
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
            assets.stream().filter(a -> edited.openingAssetId() != null && a.id() == edited.openingAssetId())
                    .findFirst().ifPresent(opening::setValue);
            assets.stream().filter(a -> edited.closingAssetId() != null && a.id() == edited.closingAssetId())
                    .findFirst().ifPresent(closing::setValue);
            priority.setValue(edited.priority() == Priority.EMERGENCY ? Priority.PRIORITY : edited.priority());
            policy.setValue(edited.startPolicy());
            waitSeconds.setValue(edited.waitSeconds());
            validFrom.setValue(edited.validFrom());
            validTo.setValue(edited.validTo());
            enabled.setValue(edited.enabled());
        }
        var form = new FormLayout(name, start, maxMinutes, days, villages, opening, closing, priority, policy,
                waitSeconds, validFrom, validTo, enabled);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 3));
        form.setColspan(days, 3);
        form.setColspan(villages, 3);
        conflicts.setId("programme-conflicts");
        add(form, conflicts);
        setWidth("60em");
        days.addValueChangeListener(e -> showConflicts());
        start.addValueChangeListener(e -> showConflicts());
        maxMinutes.addValueChangeListener(e -> showConflicts());
        villages.addValueChangeListener(e -> showConflicts());
        validFrom.addValueChangeListener(e -> showConflicts());
        validTo.addValueChangeListener(e -> showConflicts());
        enabled.addValueChangeListener(e -> showConflicts());
        showConflicts();
        var save = new Button(getTranslation("ui.save"), e -> {
            var draft = draft();
            if (draft == null) {
                Notices.error(this, getTranslation("error.schedule.badProgramme"));
                return;
            }
            var clashes = draft.villageIds().isEmpty() ? List.<ProgrammeService.Conflict>of()
                    : programmes.conflicts(draft, edited == null ? null : edited.id());
            if (clashes.isEmpty()) {
                save(draft, saved);
                return;
            }
            var confirm = new ConfirmDialog(getTranslation("ui.programmes.clash.title"),
                    getTranslation("ui.programmes.clash.text", clashes.stream().map(c -> "\"" + c.name() + "\"")
                            .collect(Collectors.joining(", "))),
                    getTranslation("ui.programmes.clash.save"), ok -> save(draft, saved));
            confirm.setCancelable(true);
            confirm.setCancelText(getTranslation("ui.programmes.clash.back"));
            confirm.setConfirmButtonTheme("error primary");
            confirm.setId("programme-clash-confirm");
            confirm.open();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("programme-save");
        getFooter().add(new Button(getTranslation("ui.cancel"), e -> close()), save);
    }

    private void save(Programme.Draft draft, Consumer<Programme> saved) {
        Notices.attempt(this, () -> {
            var result = edited == null ? programmes.create(draft) : programmes.update(edited.id(), draft);
            Notices.success(this, "ui.saved");
            saved.accept(result.programme());
            close();
        });
    }

    private Programme.@Nullable Draft draft() {
        if (start.isEmpty() || maxMinutes.isEmpty() || validFrom.isEmpty() || days.isEmpty()) {
            return null;
        }
        return new Programme.Draft(name.getValue(), days.getValue(), start.getValue(), validFrom.getValue(),
                validTo.getValue(), maxMinutes.getValue() * 60, priority.getValue(), policy.getValue(),
                waitSeconds.isEmpty() ? 0 : waitSeconds.getValue(), opening.isEmpty() ? null : opening.getValue().id(),
                closing.isEmpty() ? null : closing.getValue().id(),
                villages.getValue().stream().map(Village::id).toList(), enabled.getValue());
    }

    private void showConflicts() {
        conflicts.removeAll();
        var draft = draft();
        if (draft == null || draft.villageIds().isEmpty()) {
            return;
        }
        for (var c : programmes.conflicts(draft, edited == null ? null : edited.id())) {
            var line = new Div(getTranslation("ui.programmes.conflict", c.name(),
                    c.days().stream().map(d -> getTranslation("ui.day.short." + d.name()))
                            .collect(Collectors.joining(", ")),
                    c.otherStart().toString(), c.otherEnd().toString()));
            line.addClassName("loaxa-warn");
            conflicts.add(line);
        }
    }
}
