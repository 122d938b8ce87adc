package vn.loaxa.backup.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.loaxa.backup.BackupException;
import vn.loaxa.backup.BackupService;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.base.ui.Pickers;

/**
 * Sao lưu: the good backups in the backup folder, the latest attempts with their outcome, "Sao lưu
 * ngay", and "Khôi phục…" which stops the station and restores the backup at its next start
 * (decision 0023). ADMIN only.
 */
@Route("backups")
@Menu(order = 12, title = "ui.nav.backups")
@RolesAllowed("ADMIN")
class BackupsView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final BackupService backups;
    private final Paragraph summary = new Paragraph();
    private final Paragraph schedule = new Paragraph();
    private final TextField folder = new TextField();
    private final TimePicker at = new TimePicker();
    private final IntegerField keepDaily = new IntegerField();
    private final IntegerField keepMonthly = new IntegerField();
    private final Grid<BackupService.Stored> stored = new Grid<>();
    private final Grid<BackupService.Run> runs = new Grid<>();

    BackupsView(BackupService backups, StationTime stationTime) {
        this.stationTime = stationTime;
        this.backups = backups;
        folder.setLabel(getTranslation("ui.backups.folder"));
        at.setLabel(getTranslation("ui.backups.at"));
        keepDaily.setLabel(getTranslation("ui.backups.keepDaily"));
        keepMonthly.setLabel(getTranslation("ui.backups.keepMonthly"));
        addClassName("loaxa-page");
        var now = new Button(getTranslation("ui.backups.now"), VaadinIcon.DOWNLOAD.create(), e -> backUpNow());
        now.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        now.setId("backup-now");
        var refresh = new Button(getTranslation("ui.backups.refresh"), VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.setId("backup-refresh");
        var head = new Div(new H1(getTranslation("ui.backups.title")), new Div(now, refresh));
        head.addClassName("loaxa-view-head");
        summary.setId("backup-summary");
        schedule.setId("backup-schedule");
        folder.setId("backup-folder");
        folder.setHelperText(getTranslation("ui.backups.folderHelp"));
        folder.setWidthFull();
        at.setId("backup-at");
        Pickers.localise(at);
        at.setStep(java.time.Duration.ofMinutes(15));
        keepDaily.setId("backup-keep-daily");
        keepDaily.setMin(1);
        keepDaily.setStepButtonsVisible(true);
        keepMonthly.setId("backup-keep-monthly");
        keepMonthly.setMin(0);
        keepMonthly.setStepButtonsVisible(true);
        var save = new Button(getTranslation("ui.backups.save"), e -> save());
        save.setId("backup-save");
        var form = new FormLayout(folder, at, keepDaily, keepMonthly);
        form.setColspan(folder, 2);
        var settingsCard = new Div(new H3(getTranslation("ui.backups.settings")), form, save);
        settingsCard.setId("backup-settings");

        stored.addColumn(s -> stationTime.formatDateTime(s.createdAt())).setHeader(getTranslation("ui.backups.date"))
                .setAutoWidth(true).setFlexGrow(0);
        stored.addColumn(BackupService.Stored::name).setHeader(getTranslation("ui.backups.name")).setFlexGrow(1);
        stored.addColumn(s -> megabytes(s.sizeBytes())).setHeader(getTranslation("ui.backups.size"))
                .setAutoWidth(true).setFlexGrow(0);
        stored.addColumn(s -> String.valueOf(s.airLogRows())).setHeader(getTranslation("ui.backups.airLogRows"))
                .setAutoWidth(true).setFlexGrow(0);
        stored.addColumn(s -> getTranslation("ui.yes")).setHeader(getTranslation("ui.backups.verified"))
                .setAutoWidth(true).setFlexGrow(0);
        stored.addComponentColumn(s -> {
            var restore = new Button(getTranslation("ui.backups.restore"), VaadinIcon.ROTATE_LEFT.create(), e -> confirmRestore(s));
            restore.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            restore.setId("backup-restore-" + s.name());
            return restore;
        }).setAutoWidth(true).setFlexGrow(0);
        stored.setId("backup-grid");

        runs.addColumn(r -> stationTime.formatDateTime(r.startedAt())).setHeader(getTranslation("ui.backups.date"))
                .setAutoWidth(true).setFlexGrow(0);
        runs.addColumn(r -> getTranslation("ui.backups.trigger." + r.trigger())).setHeader(getTranslation("ui.backups.trigger"))
                .setAutoWidth(true).setFlexGrow(0);
        runs.addColumn(BackupService.Run::actor).setHeader(getTranslation("ui.backups.actor")).setAutoWidth(true).setFlexGrow(0);
        runs.addColumn(r -> r.good()
                ? getTranslation("ui.backups.good", String.valueOf(r.files()), String.valueOf(r.filesCopied()))
                : BackupService.message(getLocale(), r.problemCode() == null ? "COPY_FAILED" : r.problemCode(), r.root())
                + (r.problem() == null ? "" : " (" + r.problem() + ")"))
                .setHeader(getTranslation("ui.backups.outcome")).setFlexGrow(3);
        runs.setId("backup-runs");
        for (var g : java.util.List.of(stored, runs)) {
            g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            g.setEmptyStateText(getTranslation("ui.empty"));
            g.setAllRowsVisible(true);
        }
        add(head, schedule, summary, settingsCard, new H3(getTranslation("ui.backups.stored")), stored,
                new H3(getTranslation("ui.backups.runs")), runs, new Paragraph(getTranslation("ui.backups.commandLine")));
        refresh();
    }

    private void refresh() {
        var settings = backups.settings();
        schedule.setText(getTranslation("ui.backups.schedule", settings.at().toString(), String.valueOf(settings.keepDaily()),
                String.valueOf(settings.keepMonthly()), backups.folder().toString()));
        folder.setValue(settings.dir());
        folder.setPlaceholder(backups.defaultFolder().toString());
        at.setValue(settings.at());
        keepDaily.setValue(settings.keepDaily());
        keepMonthly.setValue(settings.keepMonthly());
        var status = backups.status();
        summary.setText(status.running() ? getTranslation("ui.backups.running")
                : status.lastGoodAt() == null ? getTranslation("ui.backups.none")
                : getTranslation("ui.backups.last", stationTime.formatDateTime(status.lastGoodAt()), String.valueOf(status.lastGoodFolder())));
        summary.getElement().getClassList().set("loaxa-alert", status.overdue());
        stored.setItems(backups.stored());
        runs.setItems(backups.recentRuns(20));
    }

    private void save() {
        if (at.getValue() == null || keepDaily.getValue() == null || keepMonthly.getValue() == null) {
            Notices.error(this, getTranslation("ui.error.invalid"));
            return;
        }
        if (Notices.attempt(this, () -> backups.updateSettings(folder.getValue(), at.getValue(), keepDaily.getValue(),
                keepMonthly.getValue()))) {
            Notices.success(this, "ui.backups.saved");
            refresh();
        }
    }

    private void backUpNow() {
        try {
            backups.backupNow();
            Notices.success(this, "ui.backups.started");
        } catch (BackupException e) {
            Notices.error(this, BackupService.message(getLocale(), e.code().name(), backups.folder().toString()));
        } catch (org.springframework.security.access.AccessDeniedException e) {
            Notices.error(this, Notices.refusal(this, e));
        }
        refresh();
    }

    void confirmRestore(BackupService.Stored backup) {
        var dialog = new ConfirmDialog(getTranslation("ui.backups.restoreTitle", stationTime.formatDateTime(backup.createdAt())),
                getTranslation("ui.backups.restoreText", stationTime.formatDateTime(backup.createdAt())),
                getTranslation("ui.backups.restoreConfirm"), e -> {
            try {
                backups.requestRestore(backup.name());
                Notices.success(this, "ui.backups.restoring");
            } catch (BackupException ex) {
                Notices.error(this, BackupService.message(getLocale(), ex.code().name(), backups.folder().toString())
                        + " (" + ex.getMessage() + ")");
            } catch (org.springframework.security.access.AccessDeniedException ex) {
                Notices.error(this, Notices.refusal(this, ex));
            }
        });
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("ui.cancel"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.setId("backup-restore-dialog");
        dialog.open();
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.backups.title") + " | " + getTranslation("app.name");
    }
}
