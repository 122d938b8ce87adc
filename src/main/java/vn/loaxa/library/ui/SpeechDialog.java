package vn.loaxa.library.ui;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

import vn.loaxa.audit.AuditOrigin;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.base.ui.Dialogs;
import vn.loaxa.library.ImportRejectedException;
import vn.loaxa.library.LibraryService;
import vn.loaxa.library.tts.SpeechService;
import vn.loaxa.library.tts.SpeechUnavailableException;

/**
 * Text to a bulletin asset. Speaking a long text (up to the configured limit, several minutes of
 * audio) and then decoding it for the import checks takes seconds, so it runs off the UI thread
 * while a progress bar shows; the result comes back through {@code ui.access} (the shell has push).
 * Without espeak-ng the dialog explains how to install it instead of offering a form that would fail.
 */
class SpeechDialog extends Dialog {

    private final SpeechService speech;
    private final Consumer<LibraryService.Imported> onCreated;
    private final TextField title = new TextField();
    private final TextArea text = new TextArea();
    private final Select<String> voice = new Select<>();
    private final Button create = new Button();
    private final ProgressBar progress = new ProgressBar();
    private final Div error = new Div();
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

    SpeechDialog(SpeechService speech, Consumer<LibraryService.Imported> onCreated) {
        this.speech = speech;
        this.onCreated = onCreated;
        setHeaderTitle(getTranslation("ui.tts.title"));
        setId("tts-dialog");
        setWidth("min(40em, 95vw)");
        var close = new Button(getTranslation("ui.tts.close"), e -> close());
        close.setId("tts-close");
        getFooter().add(close);
        if (!speech.available()) {
            var message = new Div(new Paragraph(getTranslation("ui.tts.unavailable")),
                    new Paragraph(getTranslation("ui.tts.install.windows")),
                    new Paragraph(getTranslation("ui.tts.install.linux")),
                    new Paragraph(getTranslation("ui.tts.install.after")));
            message.addClassName("loaxa-alert");
            message.setId("tts-unavailable");
            add(message);
            return;
        }
        form();
    }

    private void form() {
        int max = speech.maxChars();
        title.setLabel(getTranslation("library.column.title"));
        title.setHelperText(getTranslation("ui.tts.title.help"));
        title.setWidthFull();
        title.setId("tts-title");
        Dialogs.focusOnOpen(this, title);
        title.setMaxLength(Limits.TITLE);
        text.setLabel(getTranslation("ui.tts.text"));
        text.setWidthFull();
        text.setMinHeight("12em");
        text.setId("tts-text");
        text.setValueChangeMode(ValueChangeMode.TIMEOUT);
        // No maxLength: the browser would cut a pasted text silently; over the limit we say so instead.
        text.addValueChangeListener(e -> count(max));
        count(max);
        voice.setLabel(getTranslation("ui.tts.voice"));
        voice.setItems(speech.voices());
        voice.setItemLabelGenerator(this::voiceLabel);
        voice.setValue(speech.voices().getFirst());
        voice.setId("tts-voice");
        progress.setIndeterminate(true);
        var busy = new Div(new Span(getTranslation("ui.tts.working")), progress);
        busy.setId("tts-busy");
        busy.setVisible(false);
        error.setId("tts-error");
        error.addClassName("loaxa-alert");
        error.setVisible(false);
        create.setText(getTranslation("ui.tts.create"));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("tts-create");
        create.addClickListener(e -> start(busy));
        add(title, text, voice, busy, error);
        getFooter().add(create);
    }

    private void count(int max) {
        int n = text.getValue().length();
        text.setHelperText(getTranslation("ui.tts.count", String.valueOf(n), String.valueOf(max)));
        text.setInvalid(n > max);
        text.setErrorMessage(n > max ? getTranslation("tts.error.tooLong", String.valueOf(max)) : null);
    }

    private String voiceLabel(String id) {
        if (id.endsWith("central")) {
            return getTranslation("ui.tts.voice.central");
        }
        if (id.endsWith("south")) {
            return getTranslation("ui.tts.voice.south");
        }
        return id.equals("vi") ? getTranslation("ui.tts.voice.north") : id;
    }

    private void start(Div busy) {
        var ui = UI.getCurrent();
        var words = text.getValue();
        var name = title.getValue();
        var chosen = voice.getValue();
        error.setVisible(false);
        busy.setVisible(true);
        create.setEnabled(false);
        // The service checks the role and records who imported, and the audit trail who asked and
        // from where: the worker carries the signed-in user and the browser's origin.
        pending = CompletableFuture.runAsync(AuditOrigin.carry(() -> {
            LibraryService.Imported imported = null;
            Exception problem = null;
            try {
                imported = speech.speak(words, name, chosen);
            } catch (RuntimeException | ImportRejectedException e) {
                problem = e;
            }
            var done = imported;
            var message = problem;
            ui.access(() -> finish(busy, done, message));
        }));
    }

    /** Translated on the UI thread: the worker has no Vaadin service to look texts up with. */
    private String reason(@Nullable Exception e) {
        return switch (e) {
            case InvalidInputException i -> getTranslation(i.messageKey(), i.args());
            case ImportRejectedException r -> getTranslation("ui.tts.rejected", getTranslation(r.messageKey(), r.args()));
            case SpeechUnavailableException u -> getTranslation("ui.tts.unavailable");
            case AccessDeniedException a -> getTranslation("ui.error.forbidden");
            case null -> "";
            default -> getTranslation("tts.error.failed", String.valueOf(e.getMessage()));
        };
    }

    private void finish(Div busy, LibraryService.@Nullable Imported imported, @Nullable Exception problem) {
        busy.setVisible(false);
        create.setEnabled(true);
        if (imported == null) {
            error.setText(reason(problem));
            error.setVisible(true);
            return;
        }
        close();
        onCreated.accept(imported);
    }

    /** Completes once the last synthesis has handed its result to the UI (for tests). */
    CompletableFuture<Void> pending() {
        return pending;
    }
}
