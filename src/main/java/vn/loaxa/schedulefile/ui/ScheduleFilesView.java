package vn.loaxa.schedulefile.ui;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadEvent;

import jakarta.annotation.security.RolesAllowed;
import vn.loaxa.base.ui.Pickers;
import vn.loaxa.schedulefile.Change;
import vn.loaxa.schedulefile.ScheduleFileException;
import vn.loaxa.schedulefile.ScheduleFileService;
import vn.loaxa.schedulefile.ScheduleFileService.SourceFile;

/**
 * Import schedule files in two steps (see what would change, then apply) and download the current
 * schedule. Problems are listed with their file, line and field, and nothing is changed.
 */
@Route("schedule-files")
@Menu(order = 80, title = "nav.schedulefile")
@RolesAllowed("ADMIN")
class ScheduleFilesView extends VerticalLayout implements HasDynamicTitle {

    private final ScheduleFileService service;
    private final List<SourceFile> files = new ArrayList<>();
    private final Paragraph summary = new Paragraph();
    private final Grid<Change> changes = new Grid<>();
    private final UnorderedList problems = new UnorderedList();
    private final UnorderedList warnings = new UnorderedList();
    private final Button apply = new Button();
    private final Button cancel = new Button();
    private List<Change> shown = List.of();

    ScheduleFilesView(ScheduleFileService service) {
        this.service = service;
        add(new H1(getTranslation("schedulefile.view.title")), new Paragraph(getTranslation("schedulefile.view.help")));

        var upload = new Upload(this::receive);
        // The file as the request body, read once and at most up to the limit: never held whole.
        upload.setUploadFormat(UploadFormat.RAW);
        Pickers.localise(upload);
        upload.setAcceptedFileTypes(".yaml", ".yml");
        upload.setMaxFileSize(ScheduleFileService.MAX_FILE_BYTES);
        // The browser's own refusals: a file over the limit (a wrong type it names itself in its list).
        upload.addFileRejectedListener(e -> {
            if (e.getErrorMessage() == null || !e.getErrorMessage().toLowerCase(Locale.ROOT).contains("type")) {
                showProblems(SourceFile.tooLarge(e.getFileName()));
            }
        });
        upload.setUploadButton(new Button(getTranslation("schedulefile.view.upload")));

        apply.setText(getTranslation("schedulefile.view.apply"));
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.addClickListener(e -> confirmThenApply(upload));
        apply.setId("schedulefile-apply");
        cancel.setText(getTranslation("schedulefile.view.cancel"));
        cancel.addClickListener(e -> reset(upload));

        changes.addComponentColumn(this::actionBadge).setAutoWidth(true).setFlexGrow(0);
        changes.addColumn(c -> getTranslation("schedulefile.section." + c.section().name())).setAutoWidth(true);
        changes.addColumn(Change::name).setFlexGrow(1);
        // Each change in words: old → new for what changes, never the file's raw keys.
        changes.addColumn(this::describe).setHeader(getTranslation("schedulefile.view.what")).setFlexGrow(2);
        // A deletion stands out in red: it is the change an admin must not apply by accident.
        changes.setPartNameGenerator(c -> switch (c.action()) {
            case REMOVED -> "change-removed";
            case ADDED -> "change-added";
            case CHANGED -> null;
        });
        changes.setId("schedulefile-changes");
        changes.setAllRowsVisible(true);

        var export = new Anchor(DownloadHandler.fromInputStream(event -> {
            var bytes = service.export().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "lich-phat.yaml", "application/yaml",
                    bytes.length);
        }), getTranslation("schedulefile.view.export"));
        export.setDownload(true);

        problems.getStyle().set("color", "var(--lumo-error-text-color)");
        warnings.getStyle().set("color", "var(--lumo-warning-text-color, var(--lumo-error-text-color))");
        add(upload, summary, problems, warnings, changes, new HorizontalLayout(apply, cancel), new Div(export));
        reset(upload);
    }

    /** On the upload's request thread: reads no more than a schedule file may hold, then previews in the UI. */
    private void receive(UploadEvent event) throws IOException {
        var ui = event.getUI();
        var name = event.getFileName();
        SourceFile file;
        try {
            if (event.getFileSize() > ScheduleFileService.MAX_FILE_BYTES) {
                throw SourceFile.tooLarge(name);
            }
            try (var in = event.getInputStream()) {
                file = SourceFile.read(name, in);
            }
        } catch (ScheduleFileException e) {
            event.reject(e.messages(ui.getLocale()).getFirst());
            ui.access(() -> showProblems(e));
            return;
        }
        ui.access(() -> {
            files.add(file);
            preview();
        });
    }

    private void preview() {
        problems.removeAll();
        warnings.removeAll();
        var names = files.stream().map(SourceFile::name).collect(Collectors.joining(", "));
        try {
            var review = service.review(files);
            review.warnings().forEach(w -> warnings.add(new ListItem(w.message(getLocale()))));
            var list = review.changes();
            shown = list;
            changes.setItems(list);
            changes.setVisible(!list.isEmpty());
            summary.setText(list.isEmpty() ? getTranslation("schedulefile.view.noChanges")
                    : getTranslation("schedulefile.view.preview", names));
            apply.setEnabled(!list.isEmpty());
        } catch (ScheduleFileException e) {
            showProblems(e);
        }
        cancel.setEnabled(true);
    }

    private Span actionBadge(Change c) {
        var badge = new Span(getTranslation("schedulefile.action." + c.action().name()));
        badge.addClassNames("loaxa-badge", switch (c.action()) {
            case ADDED -> "loaxa-badge-ok";
            case CHANGED -> "loaxa-badge-warn";
            case REMOVED -> "loaxa-badge-bad";
        });
        return badge;
    }

    private String describe(Change c) {
        if (!c.details().isEmpty()) {
            return String.join("; ", c.describe(getLocale()));
        }
        return switch (c.action()) {
            case ADDED -> getTranslation("schedulefile.view.addedNote");
            case REMOVED -> getTranslation("schedulefile.view.removedNote");
            case CHANGED -> c.fields().stream().map(f -> getTranslation("schedulefile.field." + f))
                    .collect(Collectors.joining(", "));
        };
    }

    /** Deleting from the schedule is asked about first, naming what goes; the rest applies at once. */
    private void confirmThenApply(Upload upload) {
        var removed = shown.stream().filter(c -> c.action() == Change.Action.REMOVED)
                .map(c -> getTranslation("schedulefile.section." + c.section().name()) + " \"" + c.name() + "\"")
                .toList();
        if (removed.isEmpty()) {
            apply(upload);
            return;
        }
        var confirm = new ConfirmDialog(getTranslation("schedulefile.view.confirmRemove.title"),
                getTranslation("schedulefile.view.confirmRemove.text", removed.size(), String.join(", ", removed)),
                getTranslation("schedulefile.view.confirmRemove.yes"), e -> apply(upload));
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("ui.cancel"));
        confirm.setId("schedulefile-confirm-remove");
        confirm.open();
    }

    private void apply(Upload upload) {
        try {
            var done = service.apply(files);
            Notification.show(getTranslation("schedulefile.view.applied", String.valueOf(done.size())), 5000,
                    Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            reset(upload);
        } catch (ScheduleFileException e) {
            showProblems(e);
        }
    }

    private void showProblems(ScheduleFileException e) {
        summary.setText(getTranslation("schedulefile.view.errors"));
        problems.removeAll();
        warnings.removeAll();
        e.messages(getLocale()).forEach(m -> problems.add(new ListItem(m)));
        changes.setVisible(false);
        apply.setEnabled(false);
    }

    private void reset(Upload upload) {
        files.clear();
        upload.clearFileList();
        problems.removeAll();
        warnings.removeAll();
        summary.setText("");
        changes.setItems(List.of());
        shown = List.of();
        changes.setVisible(false);
        apply.setEnabled(false);
        cancel.setEnabled(false);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("schedulefile.view.title") + " | " + getTranslation("app.name");
    }
}
