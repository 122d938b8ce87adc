package vn.loaxa.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;

import vn.loaxa.base.ui.Notices;
import vn.loaxa.library.LibraryService;
import vn.loaxa.library.AudioLimits;

/**
 * The longest audio one file may hold (refused as too long when uploaded, used from the next
 * upload on), and the upload size limit, which is a configuration setting and only shown here.
 */
class LibrarySettings extends Div {

    private final AudioLimits settings;
    private final IntegerField minutes = new IntegerField();

    LibrarySettings(AudioLimits settings, LibraryService library) {
        this.settings = settings;
        minutes.setLabel(getTranslation("ui.settings.maxAudioMinutes"));
        minutes.setMin(AudioLimits.MIN_AUDIO_LIMIT_MINUTES);
        minutes.setMax(AudioLimits.MAX_AUDIO_LIMIT_MINUTES);
        minutes.setStepButtonsVisible(true);
        minutes.setValue((int) settings.maxAudioDuration().toMinutes());
        minutes.setHelperText(getTranslation("ui.settings.maxAudioHelp",
                String.valueOf(AudioLimits.MIN_AUDIO_LIMIT_MINUTES),
                String.valueOf(AudioLimits.MAX_AUDIO_LIMIT_MINUTES)));
        minutes.setWidth("24em");
        minutes.setMaxWidth("100%");
        minutes.setId("max-audio-minutes");
        var save = new Button(getTranslation("ui.settings.saveLibrary"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-library");
        var size = new Paragraph(getTranslation("ui.settings.maxFileSize",
                LibraryService.size(library.maxFileSizeBytes())));
        size.addClassName("loaxa-muted");
        // Whether phone recordings (M4A, OGG, FLAC ...) can be imported here: ffmpeg found or not.
        var converter = new Paragraph(library.converts() ? getTranslation("ui.settings.converterFound")
                : getTranslation("ui.settings.converterMissing"));
        converter.setId("library-converter");
        converter.addClassName("loaxa-muted");
        var buttons = new Div(save);
        buttons.addClassName("loaxa-toolbar");
        add(minutes, buttons, size, converter);
    }

    private void save() {
        var value = minutes.getValue();
        if (value == null) { // empty, or not a number: the field gives no value
            Notices.error(this, getTranslation("error.settings.maxAudio",
                    String.valueOf(AudioLimits.MIN_AUDIO_LIMIT_MINUTES),
                    String.valueOf(AudioLimits.MAX_AUDIO_LIMIT_MINUTES)));
            return;
        }
        if (Notices.attempt(this, () -> settings.setMaxAudioMinutes(value))) {
            Notices.success(this, "ui.saved");
        }
    }
}
