package vn.loaxa.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.base.InvalidInputException;

/** Accounts over the API (ADMIN): the list, and new accounts, service accounts for integrations among them. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class UsersController {

    record UserJson(long id, String username, String displayName, List<String> roles, boolean enabled, String kind,
                    boolean mustChangePassword, String createdAt) {

        static UserJson of(UserAccount a) {
            return new UserJson(a.id(), a.username(), a.displayName(), a.roles().stream().sorted().map(Role::name).toList(),
                    a.enabled(), a.kind().name(), a.mustChangePassword(), a.createdAt().toString());
        }
    }

    record CreateUser(@Nullable String username, @Nullable String displayName, @Nullable List<String> roles,
                      @Nullable String kind, @Nullable String password) {
    }

    private final UserService users;

    UsersController(UserService users) {
        this.users = users;
    }

    @GetMapping("/api/users")
    List<UserJson> list() {
        return users.findAll().stream().map(UserJson::of).toList();
    }

    /**
     * {@code kind: SERVICE} makes an account for an integration (no password; give it tokens with
     * POST /api/tokens {"user": name}); a PERSON gets a temporary password to change at first login.
     */
    @PostMapping("/api/users")
    ResponseEntity<UserJson> create(@RequestBody CreateUser request) {
        var username = request.username() == null ? "" : request.username().strip();
        if (username.isEmpty() || username.length() > 64 || !username.matches("[\\p{L}\\p{N}._@-]+")) {
            throw new InvalidInputException("BAD_USERNAME", "error.user.badUsername", "username: 1-64 letters, digits, . _ @ -");
        }
        if (users.find(username).isPresent()) {
            throw new InvalidInputException("USERNAME_TAKEN", "error.user.taken", "User " + username + " exists",
                    username);
        }
        var roles = roles(request.roles());
        var displayName = request.displayName() == null ? "" : request.displayName().strip();
        var kind = request.kind() == null ? AccountKind.PERSON : kind(request.kind());
        UserAccount created;
        if (kind == AccountKind.SERVICE) {
            if (request.password() != null) {
                throw new InvalidInputException("SERVICE_ACCOUNT", "error.user.serviceNoPassword",
                        "A service account has no password");
            }
            created = users.createServiceAccount(username, displayName, roles);
        } else {
            created = users.create(username, displayName.isEmpty() ? username : displayName,
                    request.password() == null ? "" : request.password(), roles, true);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(UserJson.of(created));
    }

    private static Set<Role> roles(@Nullable List<String> names) {
        var roles = EnumSet.noneOf(Role.class);
        for (var name : names == null ? List.<String>of() : names) {
            try {
                roles.add(Role.valueOf(String.valueOf(name).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("BAD_ROLE", "error.user.badRole", "Unknown role " + name,
                        String.valueOf(name));
            }
        }
        if (roles.isEmpty()) {
            throw new InvalidInputException("NO_ROLES", "error.user.noRoles", "A user needs a role");
        }
        return roles;
    }

    private static AccountKind kind(String name) {
        try {
            return AccountKind.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("BAD_KIND", "error.user.badKind", "kind: PERSON or SERVICE");
        }
    }
}
