package vn.loaxa.schedule;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.base.WithinYears;

/** Programmes as JSON, and one-off and emergency broadcasts: stored here, fired by the engine. */
@RestController
class ScheduleController {

    /**
     * Bounded before anything is looked up (decision 0017). {@code reason}: why it is ordered;
     * required at EMERGENCY priority, at most 1000 characters. {@code bulletinIds}: approved
     * bulletins, aired first with their CCHC topic; {@code assetIds}: audio after them, each aired
     * as the approved bulletin that carries it, or else as raw audio, which only an ADMIN may order.
     */
    record BroadcastRequest(@Size(max = Limits.TITLE) @Nullable String title,
                            @WithinYears @Nullable Instant startsAt,
                            @Size(max = Limits.IDS) @Nullable List<@NotNull @Positive Long> bulletinIds,
                            @Size(max = Limits.IDS) @Nullable List<@NotNull @Positive Long> assetIds,
                            @Size(max = Limits.IDS) @Nullable List<@NotNull @Positive Long> villageIds,
                            @Nullable Priority priority, @Nullable String reason) {
    }

    /** {@code reason}: why the emergency is ordered (required, at most 1000 characters). */
    record EmergencyRequest(@Size(max = Limits.TITLE) @Nullable String title,
                            @Size(max = Limits.IDS) @Nullable List<@NotNull @Positive Long> assetIds,
                            @Size(max = Limits.IDS) @Nullable List<@NotNull @Positive Long> villageIds,
                            @Nullable String reason) {
    }

    /** {@code bulletinIds}: beside {@code assetIds}, the bulletin each item airs as, null for raw audio. */
    public record Created(long id, String key, String title, Instant startsAt, Priority priority, List<Long> assetIds,
                   List<@Nullable Long> bulletinIds, List<Long> villageIds, @Nullable String reason) {
        public static Created of(OneOff o) {
            return new Created(o.id(), o.key(), o.title(), o.startsAt(), o.priority(), o.assetIds(), o.bulletinIds(),
                    o.villageIds(), o.reason());
        }
    }

    private final ProgrammeService programmes;
    private final OneOffService oneOffs;

    ScheduleController(ProgrammeService programmes, OneOffService oneOffs) {
        this.programmes = programmes;
        this.oneOffs = oneOffs;
    }

    @GetMapping("/api/programmes")
    List<Programme> programmes() {
        return programmes.findAll();
    }

    @PostMapping("/api/broadcasts")
    ResponseEntity<Created> broadcast(@Valid @RequestBody BroadcastRequest request) {
        if (request.startsAt() == null) {
            throw new InvalidInputException("NO_START", "error.schedule.noStart", "startsAt is required");
        }
        var o = oneOffs.schedule(request.title(), request.startsAt(), orEmpty(request.bulletinIds()),
                orEmpty(request.assetIds()),
                orEmpty(request.villageIds()), request.priority() == null ? Priority.NORMAL : request.priority(),
                request.reason());
        return ResponseEntity.status(HttpStatus.CREATED).body(Created.of(o));
    }

    @PostMapping("/api/emergency")
    ResponseEntity<Created> emergency(@Valid @RequestBody EmergencyRequest request) {
        var o = oneOffs.emergency(request.title(), orEmpty(request.assetIds()), orEmpty(request.villageIds()),
                request.reason());
        return ResponseEntity.status(HttpStatus.CREATED).body(Created.of(o));
    }

    private static List<Long> orEmpty(@Nullable List<Long> ids) {
        return ids == null ? List.of() : ids;
    }
}
