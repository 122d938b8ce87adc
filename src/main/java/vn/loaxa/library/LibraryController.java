package vn.loaxa.library;

import java.io.IOException;
import java.util.List;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.library.ImportRejectedException.Code;

@RestController
@RequestMapping("/api/library")
class LibraryController {

    /** The JSON shape of an asset; field names are part of the documented API. */
    record AssetJson(long id, String title, String originalFilename, long durationMs, int sampleRate, int channels,
                     String sha256, long sizeBytes, String format, double peakDbfs, @Nullable Double loudnessLufs,
                     String importedAt, String importedBy, boolean retired, boolean duplicate) {

        static AssetJson of(AudioAsset a, boolean duplicate) {
            return new AssetJson(a.id(), a.title(), a.originalFilename(), a.durationMs(), a.sampleRate(),
                    a.channels(), a.sha256(), a.sizeBytes(), a.container(), a.peakDbfs(), a.loudnessLufs(),
                    a.importedAt().toString(), a.importedBy(), a.retired(), duplicate);
        }
    }

    /** What file systems allow; the name is kept in the database beside the asset. */
    static final int MAX_FILE_NAME = 255;

    private final LibraryService library;

    LibraryController(LibraryService library) {
        this.library = library;
    }

    @GetMapping
    List<AssetJson> list() {
        return library.findAll().stream().map(a -> AssetJson.of(a, false)).toList();
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    ResponseEntity<AssetJson> upload(@RequestParam("file") MultipartFile file,
                                     @RequestParam(value = "title", required = false) @Size(max = Limits.TITLE) @Nullable String title,
                                     Authentication user) throws ImportRejectedException {
        var name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "upload" : file.getOriginalFilename();
        if (name.length() > MAX_FILE_NAME) {
            throw new InvalidInputException("TOO_LONG", "error.input.field.TOO_LONG", "file name: at most "
                    + MAX_FILE_NAME + " characters, got " + name.length(), "file", MAX_FILE_NAME, name.length());
        }
        LibraryService.Imported imported;
        try (var in = file.getInputStream()) {
            imported = library.importFile(in, name, title, user.getName());
        } catch (IOException e) {
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Cannot read the upload: " + e.getMessage(), e);
        }
        // An identical file is the same asset: 200 with the existing one, not a second copy.
        var status = imported.duplicate() ? HttpStatus.OK : HttpStatus.CREATED;
        return ResponseEntity.status(status).body(AssetJson.of(imported.asset(), imported.duplicate()));
    }
}
