package vn.loaxa.library.ui;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.modulith.NamedInterface;

import vn.loaxa.base.ui.Notices;
import vn.loaxa.base.ui.Pickers;
import vn.loaxa.library.ImportRejectedException;
import vn.loaxa.library.ImportRejectedException.Code;
import vn.loaxa.library.LibraryService;
import vn.loaxa.security.CurrentUser;

/**
 * Uploading MP3 and WAV files in the web UI. Each file's bytes go, as they arrive, straight into the
 * library's import: written to its staging folder with the size limit checked while they stream
 * (a file announced larger is refused before a byte is read), decoded with the length limit, and
 * either imported or removed. Nothing holds a whole file in memory, whatever its size.
 */
@NamedInterface("ui")
public final class AudioUploads {

    /** What became of one file: imported (perhaps already there) or refused with the reason. */
    public record Outcome(String fileName, LibraryService.@Nullable Imported imported,
                          @Nullable ImportRejectedException refused, @Nullable AccessDeniedException denied) {

        Outcome(String fileName, LibraryService.@Nullable Imported imported, @Nullable ImportRejectedException refused) {
            this(fileName, imported, refused, null);
        }

        /** The refusal in the user's words: "tin-sang.mp3: Tệp lớn hơn giới hạn 200 MB ...". */
        public String reason(UI ui) {
            if (denied != null) {
                return fileName + ": " + Notices.refusal(ui, denied);
            }
            return refused == null ? "" : fileName + ": " + ui.getTranslation(refused.messageKey(), refused.args());
        }
    }

    private AudioUploads() {
    }

    /**
     * An Upload whose files go into {@code library}; {@code done} runs in the UI (under its lock)
     * once each file is imported or refused, including files the browser refused itself.
     */
    public static Upload create(LibraryService library, SerializableConsumer<Outcome> done) {
        var upload = new Upload(handler(library, done));
        // The file as the request body: the request stream is the file, read once, never buffered.
        upload.setUploadFormat(UploadFormat.RAW);
        upload.setAcceptedFileTypes("audio/mpeg", "audio/wav", "audio/x-wav", ".mp3", ".wav");
        // The browser checks too, so a file over the limit is not even sent.
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, library.maxFileSizeBytes()));
        Pickers.localise(upload);
        upload.setDropLabel(new Span(upload.getTranslation("library.upload.drop")));
        upload.setUploadButton(new Button(upload.getTranslation("library.upload"), VaadinIcon.UPLOAD.create()));
        upload.addFileRejectedListener(e -> done.accept(new Outcome(e.getFileName(), null,
                browserRefused(e.getErrorMessage(), library))));
        return upload;
    }

    /** Runs on the upload's own request thread: the decode holds neither the UI's lock nor any other. */
    static UploadHandler handler(LibraryService library, SerializableConsumer<Outcome> done) {
        return event -> {
            var name = fileName(event);
            var ui = event.getUI();
            Outcome outcome;
            try {
                library.checkAnnouncedSize(event.getFileSize());
                try (var in = event.getInputStream()) {
                    outcome = new Outcome(name, library.importFile(in, name, null, CurrentUser.name()), null);
                }
            } catch (ImportRejectedException e) {
                outcome = new Outcome(name, null, e);
                // The browser's file list shows the file as failed; the page says why, in full.
                event.reject(ui.getTranslation(e.messageKey(), e.args()));
            } catch (AccessDeniedException e) {
                // The service has the last word on who imports, whatever the page offered.
                outcome = new Outcome(name, null, null, e);
                event.reject(Notices.refusal(ui, e));
            }
            var result = outcome;
            ui.access(() -> done.accept(result));
        };
    }

    private static String fileName(UploadEvent event) {
        var name = event.getFileName();
        return name == null || name.isBlank() || name.equals("unknown") ? "upload" : name;
    }

    /** The browser's own check: a type not accepted, or a file over the size limit. */
    private static ImportRejectedException browserRefused(@Nullable String message, LibraryService library) {
        if (message != null && message.toLowerCase(Locale.ROOT).contains("type")) {
            return new ImportRejectedException(Code.UNSUPPORTED_FORMAT, message);
        }
        return new ImportRejectedException(Code.TOO_LARGE, ImportRejectedException.TOO_LARGE_KEY,
                "Refused by the browser: " + message, LibraryService.size(library.maxFileSizeBytes()));
    }
}
