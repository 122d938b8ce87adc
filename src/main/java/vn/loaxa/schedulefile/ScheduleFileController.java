package vn.loaxa.schedulefile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

import vn.loaxa.base.ApiErrors;
import vn.loaxa.base.Limits;
import vn.loaxa.base.Texts;

/** Schedule files over HTTP: import (preview with {@code dryRun=true}, else apply) and export. */
@RestController
@RequestMapping("/api/schedules")
class ScheduleFileController {

    /** {@code warnings}: what the admin should know, e.g. a password written in the file; in their language. */
    record ImportResult(boolean applied, List<ChangeJson> changes, List<String> warnings) {
    }

    /** A change with its {@code details} as sentences ("Rơ-le: 3 → 5") in the request's language. */
    record ChangeJson(Change.Section section, Change.Action action, String name, List<String> fields,
                      List<String> details) {

        static ChangeJson of(Change c, java.util.Locale locale) {
            return new ChangeJson(c.section(), c.action(), c.name(), c.fields(), c.describe(locale));
        }
    }

    /** SnakeYAML's own limit on one document (3 MB of text). */
    static final long MAX_FILE_BYTES = 3L * 1024 * 1024;

    private final ScheduleFileService service;

    ScheduleFileController(ScheduleFileService service) {
        this.service = service;
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportResult importFiles(@RequestParam("file") @Size(max = Limits.FILES) List<MultipartFile> files,
                             @RequestParam(value = "dryRun", defaultValue = "false") boolean dryRun,
                             HttpServletRequest request) throws IOException {
        var locale = Texts.localeOf(request.getHeader("Accept-Language"));
        var sources = new ArrayList<ScheduleFileService.SourceFile>();
        for (var f : files) {
            if (f.getSize() > MAX_FILE_BYTES) {
                // A schedule file is a page of text; SnakeYAML would refuse it later, after reading it whole.
                throw new MaxUploadSizeExceededException(MAX_FILE_BYTES);
            }
            var name = f.getOriginalFilename() == null || f.getOriginalFilename().isBlank()
                    ? "schedule.yaml" : f.getOriginalFilename();
            // The part is on disk already (multipart config); read no more of it than a schedule file may be.
            if (f.getSize() > ScheduleFileService.MAX_FILE_BYTES) {
                throw ScheduleFileService.SourceFile.tooLarge(name);
            }
            try (var in = f.getInputStream()) {
                sources.add(ScheduleFileService.SourceFile.read(name, in));
            }
        }
        if (dryRun) {
            var preview = service.review(sources);
            return new ImportResult(false, preview.changes().stream().map(c -> ChangeJson.of(c, locale)).toList(),
                    preview.warnings().stream().map(w -> w.message(locale)).toList());
        }
        var applied = service.importFiles(sources);
        return new ImportResult(true, applied.changes().stream().map(c -> ChangeJson.of(c, locale)).toList(),
                applied.warnings().stream().map(w -> w.message(locale)).toList());
    }

    @GetMapping("/export")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    ResponseEntity<byte[]> export() {
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("schedule.yaml").build().toString())
                .body(service.export().getBytes(StandardCharsets.UTF_8));
    }

    /** 400 with the first problem as {@code error} and every problem with its file, line and field. */
    @ExceptionHandler(ScheduleFileException.class)
    ResponseEntity<Map<String, Object>> rejected(ScheduleFileException e, HttpServletRequest request) {
        var locale = Texts.localeOf(request.getHeader("Accept-Language"));
        var problems = e.problems().stream().map(p -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("file", p.file());
            m.put("line", p.line());
            m.put("field", p.field());
            m.put("message", p.message(locale));
            return m;
        }).toList();
        var body = new LinkedHashMap<String, Object>();
        body.put("error", e.messages(locale).getFirst());
        body.put("code", "BAD_SCHEDULE_FILE");
        body.put("detail", ApiErrors.clean(e.getMessage()));
        body.put("problems", problems);
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
    }
}
