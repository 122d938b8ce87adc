package vn.loaxa.playout;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.audio.output.NoOutputDeviceException;
import vn.loaxa.base.ApiErrors;
import vn.loaxa.base.Texts;

/** {@code POST /api/villages/test}: "Thử loa các thôn", answered once every village has been tried. */
@RestController
class VillageTestController {

    record StepJson(long villageId, String village, String ack, String at, String detail) {
    }

    private final VillageTest test;

    VillageTestController(VillageTest test) {
        this.test = test;
    }

    @PostMapping("/api/villages/test")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    ResponseEntity<?> run(Authentication user, HttpServletRequest request) throws InterruptedException {
        var locale = Texts.localeOf(request.getHeader("Accept-Language"));
        try {
            List<StepJson> steps = test.run(user.getName()).stream().map(s -> new StepJson(s.village().id(),
                    s.village().name(), s.on().ack().name(), s.on().at().toString(),
                    s.on().detail() == null ? "" : s.on().detail())).toList();
            return ResponseEntity.ok(steps);
        } catch (StationBusyException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of("error", Texts.get(locale, "status.busy"), "code", "BUSY", "detail", ApiErrors.clean(e.getMessage())));
        } catch (NoOutputDeviceException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error",
                    Texts.get(locale, "status.device." + e.reason().name(), e.requestedName()),
                    "code", "OUTPUT_" + e.reason().name(), "detail", ApiErrors.clean(e.getMessage())));
        }
    }
}
