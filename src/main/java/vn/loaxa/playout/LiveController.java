package vn.loaxa.playout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.base.Texts;

/**
 * "Nói trực tiếp" over the API: {@code POST /api/live} opens the microphone and puts it on air to the
 * chosen villages, {@code POST /api/live/end} ends it, {@code GET /api/live} says whether one is on.
 */
@RestController
class LiveController {

    /** @param villageIds the villages to reach; ignored when {@code emergency} (every village) */
    record LiveOrder(@Nullable List<Long> villageIds, @Nullable Boolean emergency) {
    }

    private final LiveBroadcasts control;

    LiveController(LiveBroadcasts control) {
        this.control = control;
    }

    @GetMapping("/api/live")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'APPROVER')")
    Map<String, Object> current() {
        var body = new LinkedHashMap<String, Object>();
        var live = control.current();
        body.put("live", live.isPresent());
        live.ifPresent(l -> body.putAll(json(l)));
        body.put("inputAvailable", control.inputAvailable());
        return body;
    }

    @PostMapping("/api/live")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'APPROVER')")
    ResponseEntity<?> start(Authentication user, @RequestBody LiveOrder order, HttpServletRequest request) {
        try {
            var live = control.start(order.villageIds() == null ? List.of() : order.villageIds(),
                    Boolean.TRUE.equals(order.emergency()), user.getName());
            return ResponseEntity.status(HttpStatus.CREATED).body(json(live));
        } catch (LiveException e) {
            return refused(e, request);
        }
    }

    @PostMapping("/api/live/end")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'APPROVER')")
    ResponseEntity<?> end(Authentication user, @RequestParam(required = false) @Nullable String key,
                          HttpServletRequest request) {
        try {
            return ResponseEntity.ok(json(control.end(key, user.getName())));
        } catch (LiveException e) {
            return refused(e, request);
        }
    }

    private static Map<String, Object> json(LiveBroadcasts.Live l) {
        var body = new LinkedHashMap<String, Object>();
        body.put("key", l.key());
        body.put("title", l.title());
        body.put("by", l.by());
        body.put("ordered", l.ordered().toString());
        body.put("onAir", l.onAir());
        body.put("ending", l.ending());
        return body;
    }

    private static ResponseEntity<?> refused(LiveException e, HttpServletRequest request) {
        var locale = Texts.localeOf(request.getHeader("Accept-Language"));
        // The station's state, not the request: 409. A wrong village (400) goes to the common handler.
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", Texts.get(locale, e.messageKey(), e.args()),
                "code", e.code(), "detail", e.getMessage()));
    }
}
