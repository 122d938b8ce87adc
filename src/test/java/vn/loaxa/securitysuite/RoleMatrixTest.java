package vn.loaxa.securitysuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import vn.loaxa.security.Role;

/**
 * Role × endpoint, generated from the OpenAPI document: every operation is called without an account
 * and as each role, and whether it was let through (anything but 401/403) is compared with the
 * checked-in table {@code security/role-matrix.csv}, which says what the README says. The requests
 * are {@link Probes}: authorised calls are refused by their own checks, so nothing is stored or played.
 */
class RoleMatrixTest extends SuiteStation {

    static final String TABLE = "/security/role-matrix.csv";
    static final String ANONYMOUS = "anonymous";
    /** The columns of calls made with an API token of one scope: "token:read". */
    static final String TOKEN = "token:";
    /** Scope code → the secret of an ADMIN's token with only that scope, made for this run. */
    final Map<String, String> tokens = new LinkedHashMap<>();

    @Autowired
    ApplicationContext context;

    Suite suite;

    @BeforeEach
    void station() {
        suite = Suite.of(context);
        if (tokens.isEmpty()) {
            var admin = USERS.get(Role.ADMIN);
            // The fuzzing may have left the account its 50 tokens: revoked first, so these can be made.
            var existing = ApiDocument.JSON.readTree(suite.http.get("/api/tokens", admin).body());
            for (var token : existing) {
                if (token.path("state").asString("").equals("ACTIVE")) {
                    suite.http.send(new SuiteHttp.Request("DELETE", "/api/tokens/" + token.path("id").asLong(),
                            List.of(), null, null), admin);
                }
            }
            for (var scope : List.of("read", "schedule", "emergency", "report", "admin")) {
                var created = suite.http.send(new SuiteHttp.Request("POST", "/api/tokens", List.of(),
                        ("{\"name\": \"Bộ kiểm tra " + scope + "\", \"scopes\": [\"" + scope
                                + "\"], \"expiresInDays\": 1}").getBytes(StandardCharsets.UTF_8),
                        "application/json"), admin);
                assertThat(created.status()).as("token for " + scope + ": " + created.body()).isEqualTo(201);
                tokens.put(scope, ApiDocument.JSON.readTree(created.body()).path("token").asString());
            }
        }
    }

    /** The table: call → caller ("anonymous" or a role's name) → allowed. */
    static Map<String, Map<String, Boolean>> table() {
        List<String> lines;
        try (var in = RoleMatrixTest.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new AssertionError("No " + TABLE + " on the test class path");
            }
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var header = lines.getFirst().split(",");
        assertThat(header[0]).isEqualTo("call");
        var rows = new LinkedHashMap<String, Map<String, Boolean>>();
        for (var line : lines.subList(1, lines.size())) {
            var cells = line.split(",");
            assertThat(cells).as(line).hasSameSizeAs(header);
            var row = new LinkedHashMap<String, Boolean>();
            for (int i = 1; i < cells.length; i++) {
                assertThat(cells[i].strip()).as(line).isIn("yes", "no");
                row.put(header[i].strip(), cells[i].strip().equals("yes"));
            }
            assertThat(rows.put(cells[0].strip(), row)).as("two rows for " + cells[0]).isNull();
        }
        return rows;
    }

    @Test
    void the_table_names_every_caller_and_says_what_the_readme_says() {
        var table = table();
        var readme = ReadmeApiTable.read();
        assertThat(table.keySet()).as("role-matrix.csv against the README API table")
                .containsExactlyInAnyOrderElementsOf(readme.keySet());
        var differences = new ArrayList<String>();
        table.forEach((call, row) -> {
            assertThat(row.keySet()).as(call).contains(ANONYMOUS);
            for (var role : Role.values()) {
                assertThat(row).as(call).containsKey(role.name());
            }
            var allowed = EnumSet.noneOf(Role.class);
            for (var role : Role.values()) {
                if (row.get(role.name())) {
                    allowed.add(role);
                }
            }
            if (row.get(ANONYMOUS)) {
                differences.add(call + ": the table lets anonymous callers in; every /api call needs an account");
            }
            if (readme.containsKey(call) && !allowed.equals(readme.get(call))) {
                differences.add(call + ": table " + allowed + ", README " + readme.get(call));
            }
        });
        assertThat(differences).isEmpty();
    }

    /** One test per operation of the document, named after it; an operation without a row fails by name. */
    @TestFactory
    Stream<DynamicTest> every_operation_lets_in_exactly_the_roles_the_table_names() {
        var table = table();
        var documented = suite.document.operations().stream().map(ApiDocument.Operation::name).toList();
        var stale = table.keySet().stream().filter(c -> !documented.contains(c))
                .map(c -> DynamicTest.dynamicTest(c + " (row without an operation)", () -> {
                    throw new AssertionError("role-matrix.csv has a row for " + c
                            + ", which the OpenAPI document does not have: remove it or fix its name");
                }));
        var checks = suite.document.operations().stream().map(op -> DynamicTest.dynamicTest(op.name(), () -> {
            var row = table.get(op.name());
            if (row == null) {
                throw new AssertionError("No row for " + op.name() + " in src/test/resources" + TABLE
                        + ": add one from the README API table's \"who\" column");
            }
            check(op, row);
        }));
        return Stream.concat(checks, stale);
    }

    private void check(ApiDocument.Operation op, Map<String, Boolean> row) {
        var probe = Probes.of(op);
        var seen = new TreeMap<String, String>();
        var wrong = new ArrayList<String>();
        var callers = new LinkedHashMap<String, Caller>();
        callers.put(ANONYMOUS, Caller.ANONYMOUS);
        for (var role : Role.values()) {
            callers.put(role.name(), USERS.get(role));
        }
        tokens.forEach((scope, secret) -> callers.put(TOKEN + scope, Caller.token(secret)));
        callers.forEach((name, caller) -> {
            var answer = send(probe, caller);
            var allowed = answer.status() != 401 && answer.status() != 403;
            seen.put(name, answer.status() + " " + code(answer));
            var expected = row.get(name);
            if (expected == null) {
                wrong.add(name + ": no column in the table");
            } else if (allowed != expected) {
                wrong.add(name + " was " + (allowed ? "let in" : "refused") + " (" + answer.status() + " "
                        + code(answer) + "), the table says " + (expected ? "yes" : "no"));
            } else if (!allowed) {
                // Refused the right way: 401 without an account, 403 with one, and a JSON reason.
                var status = name.equals(ANONYMOUS) ? 401 : 403;
                if (answer.status() != status || !answer.body().contains("\"error\"")) {
                    wrong.add(name + " refused with " + answer.status() + " " + answer.body() + ", expected "
                            + status + " with a JSON error");
                }
            }
        });
        assertThat(wrong).as(op.name() + " sent as " + probe.method() + " " + probe.uri() + "; answers " + seen)
                .isEmpty();
    }

    /** A 503 while the database is busy or the station starts decides nothing: asked again, once. */
    private SuiteHttp.Answer send(SuiteHttp.Request probe, Caller caller) {
        var answer = suite.http.send(probe, caller);
        if (answer.status() == 503 && Set.of("DATABASE_BUSY", "STARTING").contains(code(answer))) {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer = suite.http.send(probe, caller);
        }
        return answer;
    }

    static String code(SuiteHttp.Answer answer) {
        try {
            var node = ApiDocument.JSON.readTree(answer.body());
            return node.path("code").asString("-");
        } catch (RuntimeException e) {
            return "(not JSON)";
        }
    }
}
