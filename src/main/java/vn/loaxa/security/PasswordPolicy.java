package vn.loaxa.security;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.stereotype.Component;

import vn.loaxa.base.InvalidInputException;

/**
 * What a password must be, the same for the change-password page, the users page and the API: at
 * least {@value #MIN_LENGTH} characters, not a common password, not the user's own name. Spaces at
 * either end do not count towards the length. bcrypt reads only the first {@value #MAX_BYTES} bytes,
 * so a longer password is refused rather than silently cut.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;

    private final CommonPasswords common;

    PasswordPolicy(CommonPasswords common) {
        this.common = common;
    }

    /** @throws InvalidInputException with the first rule the password breaks */
    public void check(String username, String password) {
        var problem = problem(username, password);
        if (problem.isPresent()) {
            throw problem.get();
        }
    }

    public boolean acceptable(String username, String password) {
        return problem(username, password).isEmpty();
    }

    private Optional<InvalidInputException> problem(String username, String password) {
        var stripped = password.strip();
        if (stripped.codePointCount(0, stripped.length()) < MIN_LENGTH) {
            return Optional.of(new InvalidInputException("PASSWORD_TOO_SHORT", "error.user.shortPassword",
                    "A password needs at least " + MIN_LENGTH + " characters", MIN_LENGTH));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(new InvalidInputException("PASSWORD_TOO_LONG", "error.password.tooLong",
                    "A password may have at most " + MAX_BYTES + " bytes in UTF-8", MAX_BYTES));
        }
        if (!username.isBlank() && stripped.equalsIgnoreCase(username.strip())) {
            return Optional.of(new InvalidInputException("PASSWORD_IS_USERNAME", "error.password.username",
                    "The password is the user name"));
        }
        if (common.check(password).isCompromised()) {
            return Optional.of(new InvalidInputException("PASSWORD_TOO_COMMON", "error.password.common",
                    "The password is in the list of common passwords"));
        }
        return Optional.empty();
    }
}
