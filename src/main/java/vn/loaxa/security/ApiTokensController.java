package vn.loaxa.security;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Texts;

/** API tokens: list, create (the secret answered once), revoke. */
@RestController
class ApiTokensController {

    record CreateRequest(@Nullable String name, @Nullable List<String> scopes, @Nullable String expiresAt,
                         @Nullable Integer expiresInDays, @Nullable Boolean neverExpires, @Nullable String user) {
    }

    /** A token as the API shows it; {@code token} (the secret) only in the answer to its creation. */
    record TokenJson(long id, String user, String name, List<String> scopes, String hint, String createdAt,
                     String createdBy, @Nullable String expiresAt, @Nullable String lastUsedAt,
                     @Nullable String lastUsedFrom, @Nullable String revokedAt, @Nullable String revokedBy,
                     String state) {

        static TokenJson of(ApiToken t, Instant now) {
            return new TokenJson(t.id(), t.username(), t.name(), t.scopes().stream().sorted().map(ApiScope::code).toList(),
                    t.hint(), t.createdAt().toString(), t.createdBy(), text(t.expiresAt()), text(t.lastUsedAt()),
                    t.lastUsedFrom(), text(t.revokedAt()), t.revokedBy(), t.state(now).name());
        }
    }

    record CreatedJson(long id, String user, String name, List<String> scopes, String hint, String createdAt,
                       String createdBy, @Nullable String expiresAt, String state, String token) {
    }

    private final ApiTokenService tokens;
    private final java.time.Clock clock;

    ApiTokensController(ApiTokenService tokens, java.time.Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping("/api/tokens")
    List<TokenJson> list(@RequestParam(value = "user", required = false) @Nullable String user) {
        var now = clock.instant();
        return tokens.list(user).stream().map(t -> TokenJson.of(t, now)).toList();
    }

    @PostMapping("/api/tokens")
    ResponseEntity<CreatedJson> create(@RequestBody CreateRequest request) {
        var created = tokens.create(request.user(), request.name() == null ? "" : request.name(),
                scopes(request.scopes()), expiry(request));
        var t = TokenJson.of(created.token(), clock.instant());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedJson(t.id(), t.user(), t.name(), t.scopes(),
                t.hint(), t.createdAt(), t.createdBy(), t.expiresAt(), t.state(), created.secret()));
    }

    @DeleteMapping("/api/tokens/{id}")
    ResponseEntity<?> revoke(@PathVariable long id, HttpServletRequest request) {
        var revoked = tokens.revoke(id);
        if (revoked.isEmpty()) {
            var locale = Texts.localeOf(request.getHeader("Accept-Language"));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error",
                    Texts.get(locale, "error.token.notFound"), "code", "TOKEN_NOT_FOUND", "detail", "No token " + id
                            + " of yours"));
        }
        return ResponseEntity.ok(TokenJson.of(revoked.get(), clock.instant()));
    }

    static Set<ApiScope> scopes(@Nullable List<String> codes) {
        var scopes = EnumSet.noneOf(ApiScope.class);
        for (var code : codes == null ? List.<String>of() : codes) {
            scopes.add(ApiScope.ofCode(code == null ? "" : code).orElseThrow(() -> new InvalidInputException(
                    "BAD_SCOPE", "error.token.badScope", "Unknown scope " + code, String.valueOf(code))));
        }
        return scopes;
    }

    private static ApiTokenService.Expiry expiry(CreateRequest request) {
        boolean never = Boolean.TRUE.equals(request.neverExpires());
        int given = (never ? 1 : 0) + (request.expiresAt() != null ? 1 : 0) + (request.expiresInDays() != null ? 1 : 0);
        if (given > 1) {
            throw new InvalidInputException("BAD_EXPIRY", "error.token.expiry",
                    "Give one of expiresAt, expiresInDays, neverExpires", ApiTokenService.MAX_DAYS);
        }
        if (never) {
            return new ApiTokenService.Expiry.Never();
        }
        if (request.expiresInDays() != null) {
            return new ApiTokenService.Expiry.Days(request.expiresInDays());
        }
        if (request.expiresAt() != null) {
            var text = request.expiresAt().strip();
            try {
                if (text.length() == 10) {
                    return new ApiTokenService.Expiry.Through(LocalDate.parse(text));
                }
                return new ApiTokenService.Expiry.At(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeException e) {
                throw new InvalidInputException("BAD_EXPIRY", "error.token.expiry",
                        "expiresAt: a date (2027-03-01) or a date and time with offset (2027-03-01T08:00:00+07:00)",
                        ApiTokenService.MAX_DAYS);
            }
        }
        return new ApiTokenService.Expiry.Days(ApiTokenService.DEFAULT_DAYS);
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
