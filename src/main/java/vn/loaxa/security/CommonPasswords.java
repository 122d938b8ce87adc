package vn.loaxa.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.authentication.password.CompromisedPasswordChecker;
import org.springframework.security.authentication.password.CompromisedPasswordDecision;
import org.springframework.stereotype.Component;

/**
 * Passwords an attacker tries first: the 30,000 most common of a public leak list and our own
 * Vietnamese additions, shipped as resources (see {@code security/common-passwords-NOTICE.txt}).
 * Spring Security's {@link CompromisedPasswordChecker}, answered offline: a station PC is often
 * without internet, so no online service is asked.
 */
@Component
public class CommonPasswords implements CompromisedPasswordChecker {

    static final List<String> RESOURCES = List.of("security/common-passwords.txt", "security/common-passwords-vi.txt");

    private final Set<String> passwords;

    CommonPasswords() {
        this(PasswordPolicy.MIN_LENGTH);
    }

    /**
     * @param shortest entries shorter than this are not kept: the length rule refuses such passwords
     *                 before the list is asked (the list is then a thirtieth of its size in memory)
     */
    CommonPasswords(int shortest) {
        var loaded = new HashSet<String>();
        for (var name : RESOURCES) {
            try (var reader = new BufferedReader(new InputStreamReader(new ClassPathResource(name).getInputStream(),
                    StandardCharsets.UTF_8))) {
                reader.lines().map(CommonPasswords::normalise).filter(p -> p.length() >= shortest)
                        .forEach(loaded::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the list of common passwords " + name, e);
            }
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("The list of common passwords is empty");
        }
        this.passwords = Set.copyOf(loaded);
    }

    @Override
    public CompromisedPasswordDecision check(@Nullable String password) {
        return new CompromisedPasswordDecision(password != null && passwords.contains(normalise(password)));
    }

    int size() {
        return passwords.size();
    }

    private static String normalise(String password) {
        return password.strip().toLowerCase(Locale.ROOT);
    }
}
