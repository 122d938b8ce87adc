package vn.loaxa.playout;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.base.Texts;

/**
 * {@code POST /api/onair/stop} and {@code POST /api/onair/skip}: "Dừng phát" and "Bỏ qua mục này".
 * Optional {@code key} (and {@code item} for a skip) name what the caller saw on air, so a stop
 * meant for one broadcast never stops the emergency that has just replaced it.
 */
@RestController
class OnAirController {

    private final OnAirControl control;

    OnAirController(OnAirControl control) {
        this.control = control;
    }

    @PostMapping("/api/onair/stop")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'APPROVER')")
    ResponseEntity<?> stop(Authentication user, @RequestParam(required = false) @Nullable String key,
                           HttpServletRequest request) {
        try {
            return ResponseEntity.ok(json(control.stop(key, user.getName())));
        } catch (NothingOnAirException e) {
            return conflict(e, request);
        }
    }

    @PostMapping("/api/onair/skip")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'APPROVER')")
    ResponseEntity<?> skip(Authentication user, @RequestParam(required = false) @Nullable String key,
                           @RequestParam(required = false, defaultValue = "-1") int item, HttpServletRequest request) {
        try {
            return ResponseEntity.ok(json(control.skip(key, item, user.getName())));
        } catch (NothingOnAirException e) {
            return conflict(e, request);
        }
    }

    private static Map<String, Object> json(OnAirAction a) {
        var body = new LinkedHashMap<String, Object>();
        body.put("key", a.key());
        body.put("title", a.title());
        if (a.item() >= 0) {
            body.put("item", a.item());
            body.put("itemTitle", a.itemTitle() == null ? "" : a.itemTitle());
        }
        return body;
    }

    private static ResponseEntity<?> conflict(NothingOnAirException e, HttpServletRequest request) {
        var locale = Texts.localeOf(request.getHeader("Accept-Language"));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", Texts.get(locale, e.messageKey()),
                "code", e.code(), "detail", e.getMessage()));
    }
}
