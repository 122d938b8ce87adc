package vn.loaxa.audit;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.audit.AuditRecords.Logged;
import vn.loaxa.audit.AuditRecords.Query;
import vn.loaxa.base.HashChain;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.Texts;

/**
 * Reading the audit trail: ADMIN and REPORTER (the district's IT officer checks who changed what).
 * {@code from} and {@code to} are station-local dates, both inclusive, as dd/MM/yyyy or yyyy-MM-dd;
 * without them, the last 30 days.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
class AuditController {

    /** A row as the API shows it: {@code details} as JSON, {@code detailsText} as a sentence. */
    record RowJson(long seq, Instant at, String actor, String action, @Nullable String targetKind,
                   @Nullable String targetId, @Nullable String targetName, @Nullable JsonNode details,
                   String detailsText, @Nullable String clientAddress, String via, String prevHash, String hash) {

        static RowJson of(Logged r) {
            return new RowJson(r.seq(), r.at(), r.actor(), r.action(), r.targetKind(), r.targetId(), r.targetName(),
                    r.details() == null ? null : JsonMapper.shared().readTree(r.details()), r.detailsText(),
                    r.clientAddress(), r.via().name(), r.prevHash(), r.hash());
        }
    }

    record PageJson(List<RowJson> rows, long total, int page, int size) {
    }

    /** Strict: 31/02 is a mistake to point out, not the 28th. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private final AuditTrail trail;
    private final StationTime stationTime;

    AuditController(AuditTrail trail, StationTime stationTime) {
        this.trail = trail;
        this.stationTime = stationTime;
    }

    @GetMapping("/api/audit")
    PageJson list(@RequestParam(required = false) @Nullable String from,
                  @RequestParam(required = false) @Nullable String to,
                  @RequestParam(required = false) @Nullable String actor,
                  @RequestParam(required = false) @Nullable String action,
                  @RequestParam(required = false) @Nullable String target,
                  @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "100") int size) {
        if (page < 0 || size < 1 || size > 1000) {
            throw new InvalidInputException("BAD_PAGE", "error.api.badRequest", "page >= 0, 1 <= size <= 1000");
        }
        var p = trail.query(query(from, to, actor, action, target, page, size));
        return new PageJson(p.rows().stream().map(RowJson::of).toList(), p.total(), p.page(), p.size());
    }

    @GetMapping("/api/audit.csv")
    void csv(@RequestParam(required = false) @Nullable String from,
             @RequestParam(required = false) @Nullable String to,
             @RequestParam(required = false) @Nullable String actor,
             @RequestParam(required = false) @Nullable String action,
             @RequestParam(required = false) @Nullable String target,
             HttpServletRequest request, HttpServletResponse response) throws IOException {
        var q = query(from, to, actor, action, target, 0, Integer.MAX_VALUE);
        var rows = trail.query(q).rows();
        response.setContentType("text/csv;charset=UTF-8");
        var name = "nhat-ky-thao-tac_" + stationTime.date(q.from()) + "_"
                + stationTime.date(q.to().minusMillis(1)) + ".csv";
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        AuditCsv.write(rows, stationTime.zone(), Texts.localeOf(request.getHeader("Accept-Language")), response.getOutputStream());
    }

    @GetMapping("/api/audit/verify")
    HashChain.Check verify() {
        return trail.verify();
    }

    private Query query(@Nullable String from, @Nullable String to, @Nullable String actor, @Nullable String action,
                        @Nullable String target, int page, int size) {
        var last = to == null || to.isBlank() ? stationTime.today() : day(to, "to");
        var first = from == null || from.isBlank() ? last.minusDays(29) : day(from, "from");
        if (last.isBefore(first)) {
            throw new InvalidInputException("BAD_DATES", "error.schedule.badDates", "to before from");
        }
        return new Query(stationTime.startOfDay(first), stationTime.endOfDay(last),
                blankToNull(actor), blankToNull(action), blankToNull(target), page, size);
    }

    static LocalDate day(String text, String field) {
        var t = text.strip();
        LocalDate day;
        try {
            day = t.contains("/") ? LocalDate.parse(t, DAY) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            day = null;
        }
        // Far-off years are typing mistakes, and would overflow the instants the query needs.
        if (day == null || day.getYear() < 1970 || day.getYear() > 2999) {
            throw new InvalidInputException("BAD_DATE", "error.audit.badDate",
                    field + " must be a date dd/MM/yyyy or yyyy-MM-dd between 1970 and 2999: " + t, t);
        }
        return day;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
