package vn.loaxa.library.tts;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.base.ApiErrors;
import vn.loaxa.base.Limits;
import vn.loaxa.base.Texts;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.ImportRejectedException;

@RestController
class TtsController {

    /** {@code text} is bounded by the setting {@code loaxa.tts.max-chars}, checked before espeak-ng runs. */
    record SpeakRequest(@Nullable String text, @Size(max = Limits.TITLE) @Nullable String title,
                        @Size(max = Limits.SHORT) @Nullable String voice) {
    }

    record SpokenAsset(long id, String title, String originalFilename, long durationMs, int sampleRate, int channels,
                       String sha256, long sizeBytes, String format, boolean duplicate) {
        static SpokenAsset of(AudioAsset a, boolean duplicate) {
            return new SpokenAsset(a.id(), a.title(), a.originalFilename(), a.durationMs(), a.sampleRate(),
                    a.channels(), a.sha256(), a.sizeBytes(), a.container(), duplicate);
        }
    }

    private final SpeechService speech;

    TtsController(SpeechService speech) {
        this.speech = speech;
    }

    @PostMapping("/api/tts")
    ResponseEntity<SpokenAsset> speak(@Valid @RequestBody SpeakRequest request) throws ImportRejectedException {
        var imported = speech.speak(request.text() == null ? "" : request.text(), request.title(), request.voice());
        return ResponseEntity.status(imported.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(SpokenAsset.of(imported.asset(), imported.duplicate()));
    }

    @ExceptionHandler(SpeechUnavailableException.class)
    ResponseEntity<Map<String, String>> unavailable(SpeechUnavailableException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of(
                "error", Texts.get(Texts.localeOf(request.getHeader("Accept-Language")), "tts.error.unavailable"),
                "code", "TTS_UNAVAILABLE", "detail", ApiErrors.clean(e.getMessage())));
    }

    @ExceptionHandler(SpeechService.SpeechFailedException.class)
    ResponseEntity<Map<String, String>> failed(SpeechService.SpeechFailedException e, HttpServletRequest request) {
        var detail = ApiErrors.clean(e.getMessage());
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of(
                "error", Texts.get(Texts.localeOf(request.getHeader("Accept-Language")), "tts.error.failed", detail),
                "code", "TTS_FAILED", "detail", detail));
    }
}
