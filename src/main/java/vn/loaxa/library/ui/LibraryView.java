package vn.loaxa.library.ui;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;
import vn.loaxa.base.Limits;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.ColumnsByWidth;
import vn.loaxa.base.ui.Formats;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.library.tts.SpeechService;

/**
 * The audio library: upload several files at once (each streamed into the library, proven by a full
 * decode, and answered on its own line), search, listen in the browser, rename, and retire what must no longer
 * be scheduled. Nothing is deleted: the air log refers to these files.
 */
@Route("library")
@Menu(order = 1, title = "nav.library")
@RolesAllowed({"ADMIN", "OPERATOR", "APPROVER"})
class LibraryView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final LibraryService library;
    private final Grid<AudioAsset> grid = new Grid<>();
    private final TextField search = new TextField();
    private final Checkbox showRetired = new Checkbox();
    private final Div results = new Div();
    private final Div detail = new Div();
    /** ADMIN and OPERATOR change the library; commune leadership (APPROVER) only listens here. */
    private final boolean editor;

    LibraryView(LibraryService library, SpeechService speech, AuthenticationContext auth, StationTime stationTime) {
        this.stationTime = stationTime;
        this.library = library;
        this.editor = auth.hasAnyRole("ADMIN", "OPERATOR");
        addClassName("loaxa-page");
        var upload = AudioUploads.create(library, this::uploaded);
        upload.setId("library-upload");
        results.setId("upload-results");
        results.addClassName("loaxa-results");

        search.setPlaceholder(getTranslation("ui.library.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.addValueChangeListener(e -> refresh());
        showRetired.setLabel(getTranslation("ui.library.showRetired"));
        showRetired.addValueChangeListener(e -> refresh());
        var filters = new Div(search, showRetired);
        filters.addClassName("loaxa-toolbar");

        grid.addColumn(a -> a.retired() ? a.title() + " (" + getTranslation("ui.library.retired") + ")" : a.title())
                .setHeader(getTranslation("library.column.title")).setFlexGrow(3).setWidth("10em")
                .setSortable(true);
        grid.addColumn(AudioAsset::originalFilename).setHeader(getTranslation("library.column.file")).setFlexGrow(1)
                .setWidth("8em");
        grid.addColumn(a -> Formats.duration(a.durationMs())).setHeader(getTranslation("library.column.duration"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AudioAsset::container).setHeader(getTranslation("library.column.format")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(a -> a.loudnessLufs() == null ? "" : String.format(Locale.ROOT, "%.1f", a.loudnessLufs()))
                .setHeader(getTranslation("ui.library.lufs")).setWidth("5.5em").setFlexGrow(0);
        grid.addColumn(a -> stationTime.formatDateTime(a.importedAt())).setHeader(getTranslation("library.column.importedAt"))
                .setAutoWidth(true).setFlexGrow(0);
        ColumnsByWidth.of(grid).hideBelow(ColumnsByWidth.LAPTOP, 1, 3, 4).hideBelow(ColumnsByWidth.PHONE, 5);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("ui.empty"));
        grid.asSingleSelect().addValueChangeListener(e -> showDetail(e.getValue()));
        grid.setId("library-grid");
        detail.addClassName("loaxa-card");
        detail.setId("asset-detail");
        detail.setVisible(false);

        var head = new Div(new H1(getTranslation("library.title")));
        head.addClassName("loaxa-view-head");
        var main = new Div(grid, detail);
        main.addClassName("loaxa-split");
        add(head);
        if (editor) {
            add(upload);
            var fromText = new Button(getTranslation("ui.tts.open"), VaadinIcon.MICROPHONE.create(),
                    e -> new SpeechDialog(speech, this::spoken).open());
            fromText.setId("tts-open");
            add(fromText);
        }
        add(results, filters, main);
        refresh();
    }

    /** One file imported or refused (the decode ran on the upload's own thread, without the UI lock). */
    private void uploaded(AudioUploads.Outcome outcome) {
        var imported = outcome.imported();
        if (imported == null) {
            addResult(false, outcome.reason(UI.getCurrent()));
            return;
        }
        if (imported.duplicate()) {
            // Not added: it is already there, under the title it was given then.
            addResult(false, getTranslation("library.duplicate", outcome.fileName(), imported.asset().title()));
            return;
        }
        addResult(true, getTranslation("library.imported", imported.asset().title(),
                Formats.duration(imported.asset().durationMs())));
        refresh();
    }

    /** A text became audio: show it selected, so the preview can play it straight away. */
    private void spoken(LibraryService.Imported imported) {
        var asset = imported.asset();
        Notices.success(this, imported.duplicate() ? "ui.tts.duplicate" : "library.imported", asset.title(),
                Formats.duration(asset.durationMs()));
        search.clear();
        showRetired.setValue(showRetired.getValue() || asset.retired());
        refresh();
        grid.select(asset);
    }

    private void addResult(boolean ok, String text) {
        var line = new Div(text);
        line.addClassName(ok ? "loaxa-ok" : "loaxa-alert");
        results.addComponentAsFirst(line);
    }

    private void refresh() {
        var q = search.getValue().strip().toLowerCase(Locale.ROOT);
        grid.setItems(library.findAll().stream()
                .filter(a -> showRetired.getValue() || !a.retired())
                .filter(a -> q.isEmpty() || a.title().toLowerCase(Locale.ROOT).contains(q)
                        || a.originalFilename().toLowerCase(Locale.ROOT).contains(q))
                .toList());
    }

    private void showDetail(AudioAsset asset) {
        detail.removeAll();
        detail.setVisible(asset != null);
        if (asset == null) {
            return;
        }
        var audio = new Element("audio");
        audio.setAttribute("controls", true);
        audio.setAttribute("preload", "none");
        audio.setAttribute("src", DownloadHandler.forFile(library.fileOf(asset).toFile(), asset.storedName()));
        var player = new Div();
        player.getElement().appendChild(audio);
        player.addClassName("loaxa-audio");
        var title = new TextField(getTranslation("library.column.title"), asset.title(), "");
        title.setMaxLength(Limits.TITLE);
        title.setWidthFull();
        var save = new Button(getTranslation("ui.save"), e -> {
            if (Notices.attempt(this, () -> library.rename(asset.id(), title.getValue()))) {
                Notices.success(this, "ui.saved");
                refresh();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var retire = new Button(getTranslation(asset.retired() ? "ui.library.restore" : "ui.library.retire"), e -> {
            if (Notices.attempt(this, () -> library.setRetired(asset.id(), !asset.retired()))) {
                detail.setVisible(false);
                refresh();
            }
        });
        var facts = new Span(getTranslation("ui.library.facts", asset.sampleRate(), asset.channels(),
                asset.sizeBytes() / 1024, asset.importedBy()));
        facts.addClassName("loaxa-muted");
        var buttons = new Div(save, retire);
        buttons.addClassName("loaxa-toolbar");
        title.setReadOnly(!editor);
        buttons.setVisible(editor);
        detail.add(new H3(asset.title()), player, title, buttons, facts);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("library.title") + " | " + getTranslation("app.name");
    }
}
