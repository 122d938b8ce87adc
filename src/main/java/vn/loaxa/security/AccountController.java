package vn.loaxa.security;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Texts;

/** The caller's own password, and the admins' view of login throttling. */
@RestController
class AccountController {

    /** {@code POST /api/account/password}: both fields required. */
    record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {
    }

    private final UserService users;
    private final LoginThrottle throttle;

    AccountController(UserService users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    /** Any signed-in user, also one who must change their password (the only call such a user may make). */
    @PostMapping(PasswordChangeRequired.CHANGE_PATH)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@RequestBody PasswordChange change, Principal caller) {
        if (change.currentPassword() == null || change.currentPassword().isEmpty() || change.newPassword() == null) {
            throw new InvalidInputException("MISSING_PASSWORD", "error.password.missing",
                    "currentPassword and newPassword are required");
        }
        users.changeOwnPassword(caller.getName(), change.currentPassword(), change.newPassword());
    }

    @GetMapping("/api/security/lockouts")
    List<LoginThrottle.Lockout> lockouts() {
        return throttle.current();
    }

    @DeleteMapping("/api/security/lockouts/{username}")
    ResponseEntity<?> unlockAccount(@PathVariable String username,
                                    @RequestHeader(value = "Accept-Language", required = false) @Nullable String language) {
        return throttle.unlockAccount(username) ? ResponseEntity.noContent().build() : notLocked(username, language);
    }

    @DeleteMapping("/api/security/lockouts")
    ResponseEntity<?> unlockAddress(@RequestParam String address,
                                    @RequestHeader(value = "Accept-Language", required = false) @Nullable String language) {
        return throttle.unlockAddress(address) ? ResponseEntity.noContent().build() : notLocked(address, language);
    }

    /** 404: nothing to lift (never slowed down, or the lock has already ended). */
    private static ResponseEntity<?> notLocked(String what, @Nullable String language) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of(
                "error", Texts.get(Texts.localeOf(language), "error.api.notLocked"), "code", "NOT_LOCKED",
                "detail", "Not slowed down or locked: " + what));
    }
}
