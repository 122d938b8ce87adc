package vn.loaxa.airlog;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.airlog.AirLogRecords.LoggedSwitch;
import vn.loaxa.airlog.AirLogRecords.Page;
import vn.loaxa.airlog.AirLogRecords.Query;
import vn.loaxa.airlog.AirLogRecords.Verification;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.base.RenderedFile;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.Texts;
import vn.loaxa.base.WithinYears;

/**
 * Reading the air log: every signed-in user may (operators check what aired, the VH&TT officer
 * reports it). {@code from} and {@code to} are station-local dates, both inclusive; without them,
 * the last 30 days.
 */
@RestController
class AirLogController {

    private final AirLogService airLog;
    private final StationTime stationTime;

    AirLogController(AirLogService airLog, StationTime stationTime) {
        this.airLog = airLog;
        this.stationTime = stationTime;
    }

    @GetMapping("/api/airlog")
    Page list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @WithinYears(Limits.READ_YEARS) @Nullable LocalDate from,
              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @WithinYears(Limits.READ_YEARS) @Nullable LocalDate to,
              @RequestParam(required = false) @Positive @Nullable Long village,
              @RequestParam(required = false) @Size(max = Limits.SHORT) @Nullable String topic,
              @RequestParam(required = false) @Nullable Outcome outcome,
              @RequestParam(defaultValue = "0") @Min(0) @Max(Limits.PAGE) int page,
              @RequestParam(defaultValue = "100") @Min(1) @Max(Limits.PAGE_SIZE) int size) {
        var range = range(from, to);
        return airLog.query(new Query(range[0], range[1], village, topic, outcome, page, size));
    }

    @GetMapping("/api/airlog.csv")
    void csv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @WithinYears(Limits.READ_YEARS) @Nullable LocalDate from,
             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @WithinYears(Limits.READ_YEARS) @Nullable LocalDate to,
             HttpServletRequest request, HttpServletResponse response) throws IOException {
        var range = range(from, to);
        var rows = airLog.all(range[0], range[1]);
        var name = "nhat-ky-phat_" + stationTime.date(range[0]) + "_"
                + stationTime.date(range[1].minusMillis(1)) + ".csv";
        var locale = Texts.localeOf(request.getHeader("Accept-Language"));
        // Rendered whole first: a failure answers 500 REPORT_FAILED instead of cutting the download.
        try (var file = RenderedFile.render("the air log CSV",
                out -> AirLogCsv.write(rows, stationTime.zone(), locale, out))) {
            response.setContentType("text/csv;charset=UTF-8");
            response.setContentLengthLong(file.size());
            response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
            file.sendTo(response.getOutputStream());
        }
    }

    /**
     * The village switches (ON and OFF rows) of broadcasts planned in the period, optionally of one
     * broadcast ({@code key}), oldest first: which villages' loudspeakers carried what.
     */
    @GetMapping("/api/airlog/villages")
    List<LoggedSwitch> villages(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @WithinYears(Limits.READ_YEARS) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @WithinYears(Limits.READ_YEARS) @Nullable LocalDate to,
            @RequestParam(required = false) @Size(max = Limits.SHORT) @Nullable String key) {
        var range = range(from, to);
        return airLog.villageSwitches(range[0], range[1]).stream()
                .filter(s -> key == null || s.occurrenceKey().equals(key)).toList();
    }

    @GetMapping("/api/airlog/verify")
    Verification verify() {
        return airLog.verify();
    }

    private Instant[] range(@Nullable LocalDate from, @Nullable LocalDate to) {
        var last = to == null ? stationTime.today() : to;
        var first = from == null ? last.minusDays(29) : from;
        if (last.isBefore(first)) {
            throw new InvalidInputException("BAD_DATES", "error.schedule.badDates", "to before from");
        }
        return new Instant[] {stationTime.startOfDay(first), stationTime.endOfDay(last)};
    }
}
