package vn.loaxa.library.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import com.vaadin.flow.server.streams.UploadResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.modulith.NamedInterface;

import vn.loaxa.base.Texts;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.base.ui.Pickers;
import vn.loaxa.library.ImportRejectedException;
import vn.loaxa.library.ImportRejectedException.Code;
import vn.loaxa.library.LibraryService;
import vn.loaxa.security.CurrentUser;

/**
 * Uploading audio files in the web UI: MP3 and WAV as they are, what phones send converted on import. Each file's bytes go, as they arrive, straight into the
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
     * What the file picker offers and the browser lets through. Phone formats are offered whether or
     * not this station can convert them: the station then says why it cannot (no ffmpeg), not the
     * browser that the type is wrong.
     */
    static final List<String> EXTENSIONS = List.of(".mp3", ".wav", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".flac",
            ".amr", ".wma", ".aif", ".aiff", ".webm", ".mka");
    private static final List<String> MIME_TYPES = List.of("audio/mpeg", "audio/wav", "audio/x-wav", "audio/mp4",
            "audio/x-m4a", "audio/aac", "audio/ogg", "audio/opus", "audio/flac", "audio/x-flac", "audio/amr",
            "audio/x-ms-wma", "audio/aiff", "audio/x-aiff", "audio/webm");

    /**
     * Makes the widget's own line for a refused file say the station's reason (the 422 answer's
     * {@code rejected[].reason}) instead of its generic "forbidden": the red line and the page then
     * tell the same thing, and a refused file never shows as uploaded.
     */
    private static final String SHOW_REASON = """
            this.addEventListener('upload-error', e => {
              const file = e.detail.file;
              try {
                const rejected = JSON.parse(e.detail.xhr.responseText).rejected || [];
                const mine = rejected.find(r => r.fileName === file.name) || rejected[0];
                if (mine && mine.reason) { file.error = mine.reason; }
              } catch (notJson) { /* keep the widget's own text */ }
            });""";

    /**
     * An Upload whose files go into {@code library}; {@code done} runs in the UI (under its lock)
     * once each file is imported or refused, including files the browser refused itself.
     */
    public static Upload create(LibraryService library, SerializableConsumer<Outcome> done) {
        var upload = new Upload(handler(library, done));
        // The file as the request body: the request stream is the file, read once, never buffered.
        upload.setUploadFormat(UploadFormat.RAW);
        var types = new ArrayList<>(MIME_TYPES);
        types.addAll(EXTENSIONS);
        upload.setAcceptedFileTypes(types.toArray(String[]::new));
        // The browser checks too, so a file over the limit is not even sent.
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, library.maxFileSizeBytes()));
        Pickers.localise(upload);
        upload.setDropLabel(new Span(upload.getTranslation("library.upload.drop")));
        upload.setUploadButton(new Button(upload.getTranslation("library.upload"), VaadinIcon.UPLOAD.create()));
        upload.addFileRejectedListener(e -> done.accept(new Outcome(e.getFileName(), null,
                browserRefused(e.getFileName(), e.getErrorMessage(), library))));
        upload.getElement().executeJs(SHOW_REASON);
        return upload;
    }

    /** Runs on the upload's own request thread: the decode holds neither the UI's lock nor any other. */
    static UploadHandler handler(LibraryService library, SerializableConsumer<Outcome> done) {
        return new UploadHandler() {
            @Override
            public void handleUploadRequest(UploadEvent event) throws IOException {
                receive(library, done, event);
            }

            @Override
            public void responseHandled(UploadResult result) {
                if (result.exception() == null && result.allRejected()) {
                    answerRefused(result);
                } else {
                    UploadHandler.super.responseHandled(result);
                }
            }
        };
    }

    /**
     * The refusal answer in UTF-8: Vaadin's own writes its JSON without a charset, and the browser
     * then shows "T?p b? c?t c?t" for "Tệp bị cắt cụt" in the widget.
     */
    private static void answerRefused(UploadResult result) {
        var response = result.response();
        var json = new StringBuilder("{\"rejected\":[");
        for (var r : result.rejectedFiles()) {
            if (json.charAt(json.length() - 1) != '[') {
                json.append(',');
            }
            json.append("{\"fileName\":\"").append(Texts.jsonEscape(String.valueOf(r.fileName())))
                    .append("\",\"reason\":\"").append(Texts.jsonEscape(String.valueOf(r.reason()))).append("\"}");
        }
        json.append("]}");
        response.setStatus(422);
        response.setContentType("application/json; charset=UTF-8");
        try (var out = response.getOutputStream()) {
            out.write(json.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The browser went away: the page's own line still says why.
            LoggerFactory.getLogger(AudioUploads.class).debug("Could not answer a refused upload: {}", e.getMessage());
        }
    }

    private static void receive(LibraryService library, SerializableConsumer<Outcome> done, UploadEvent event)
            throws IOException {
        var name = fileName(event);
        var ui = event.getUI();
        Outcome outcome;
        try {
            library.checkAnnouncedSize(event.getFileSize());
            try (var in = event.getInputStream()) {
                outcome = new Outcome(name, library.importFile(in, name, null, CurrentUser.name()), null);
            }
            var imported = outcome.imported();
            if (imported != null && imported.duplicate()) {
                // Nothing was added: the widget must not tick it as uploaded; it names what is there.
                event.reject(ui.getTranslation("library.duplicate", name, imported.asset().title()));
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
    }

    private static String fileName(UploadEvent event) {
        var name = event.getFileName();
        return name == null || name.isBlank() || name.equals("unknown") ? "upload" : name;
    }

    /**
     * The browser's own check, told by what is known for sure rather than by the widget's message
     * (which is whatever language its texts are in): a name outside the accepted list is the wrong
     * type; an accepted one was refused for its size, or for one file too many.
     */
    static ImportRejectedException browserRefused(@Nullable String fileName, @Nullable String message,
                                                  LibraryService library) {
        var name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (EXTENSIONS.stream().noneMatch(name::endsWith)) {
            return new ImportRejectedException(Code.UNSUPPORTED_FORMAT, "library.reject.TYPE_NOT_ACCEPTED",
                    "Refused by the browser: " + message, accepted());
        }
        if (message != null && message.toLowerCase(Locale.ROOT).contains("many")) {
            return new ImportRejectedException(Code.UNSUPPORTED_FORMAT, "library.reject.TOO_MANY_FILES",
                    "Refused by the browser: " + message);
        }
        return new ImportRejectedException(Code.TOO_LARGE, ImportRejectedException.TOO_LARGE_KEY,
                "Refused by the browser: " + message, LibraryService.size(library.maxFileSizeBytes()));
    }

    /** "MP3, WAV, M4A, ...": the accepted list as a refusal prints it. */
    static String accepted() {
        return String.join(", ", EXTENSIONS.stream().map(e -> e.substring(1).toUpperCase(Locale.ROOT)).toList());
    }
}
