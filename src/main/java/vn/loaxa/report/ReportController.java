package vn.loaxa.report;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.base.WithinYears;
import vn.loaxa.base.RenderedFile;

/**
 * Reports for the VH&TT officer and the ADMIN. {@code from} and {@code to} are station-local dates,
 * both inclusive; without them, the current year so far. Files are rendered whole before they are
 * sent: a rendering failure answers {@code 500 REPORT_FAILED}, never half a file.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
class ReportController {

    private final ReportService reports;
    private final ReportFiles files;
    private final Clock clock;

    ReportController(ReportService reports, ReportFiles files, Clock clock) {
        this.reports = reports;
        this.files = files;
        this.clock = clock;
    }

    @GetMapping("/api/reports")
    @Nullable Report report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @WithinYears(Limits.READ_YEARS) @Nullable LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @WithinYears(Limits.READ_YEARS) @Nullable LocalDate to,
                  @RequestParam(defaultValue = "json") @Size(max = Limits.SHORT) String format, HttpServletResponse response) throws IOException {
        var period = period(from, to);
        if (format.equalsIgnoreCase("json")) {
            return reports.build(period);
        }
        ReportFiles.Format f;
        try {
            f = ReportFiles.Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("BAD_FORMAT", "error.report.badFormat", "format=json|xlsx|docx|csv");
        }
        var report = reports.build(period);
        try (var file = RenderedFile.render("the " + f.extension + " report", out -> files.write(report, f, out))) {
            send(file, f.contentType, ReportFiles.fileName(period, f.extension), response);
        }
        return null;
    }

    @GetMapping("/api/evidence")
    void evidence(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @WithinYears(Limits.READ_YEARS) @Nullable LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @WithinYears(Limits.READ_YEARS) @Nullable LocalDate to,
                  HttpServletResponse response) throws IOException {
        var period = period(from, to);
        try (var file = RenderedFile.render("the evidence bundle", out -> files.writeEvidence(period, out))) {
            send(file, ReportFiles.ZIP_TYPE, ReportFiles.evidenceName(period), response);
        }
    }

    /** Headers go out only once the whole file exists: a failure before is a 500, never a cut download. */
    private static void send(RenderedFile file, String contentType, String name, HttpServletResponse response)
            throws IOException {
        response.setContentType(contentType);
        response.setContentLengthLong(file.size());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        file.sendTo(response.getOutputStream());
    }

    private ReportPeriod period(@Nullable LocalDate from, @Nullable LocalDate to) {
        var today = LocalDate.now(clock);
        var first = from == null ? today.withDayOfYear(1) : from;
        var last = to == null ? today : to;
        if (last.isBefore(first)) {
            throw new InvalidInputException("BAD_DATES", "error.schedule.badDates", "to before from");
        }
        if (first.plusYears(5).isBefore(last)) {
            throw new InvalidInputException("BAD_DATES", "error.report.tooLong", "at most 5 years");
        }
        return ReportPeriod.of(first, last);
    }
}
