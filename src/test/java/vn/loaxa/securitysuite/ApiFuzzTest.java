package vn.loaxa.securitysuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.TreeSet;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.providers.TypeUsage;
import net.jqwik.api.statistics.Statistics;

import vn.loaxa.security.Role;
import vn.loaxa.securitysuite.FuzzRequests.FuzzRequest;

/**
 * Property-based fuzzing of every call that takes input, from its OpenAPI schema, sent as an ADMIN
 * (who may make every call, so the requests reach the checks behind the roles). Whatever is sent,
 * the answer is no 5xx, shows no internals and is a documented error ({@link AnswerCheck}). jqwik
 * shrinks a failing request to the smallest one that still fails and reports it with its seed.
 *
 * <p>One property per call, so that a failure names its call; {@link #every_call_that_takes_input_has_a_property}
 * keeps the list complete. Failures already known and being fixed are listed, temporarily, in
 * {@code src/test/resources/security/fuzz-known-failures.txt}.
 *
 * <p>Tries per call: {@code jqwik.tries.default} in {@code junit-platform.properties} (40), or
 * {@code -Djqwik.tries.default=300} for a longer run. {@code -Dloaxa.fuzz.survey=target/fuzz-survey.txt}
 * records every failure there instead of stopping at the first, tolerated or not, with its request:
 * the way to see what is left before emptying the known-failures list.
 */
@PropertyDefaults(shrinking = ShrinkingMode.BOUNDED)
class ApiFuzzTest {

    /** The call a property fuzzes, as the OpenAPI document names it. */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Call {
        String value();
    }

    private static final AnswerCheck.Known KNOWN = AnswerCheck.Known.load();
    private static final String SURVEY = System.getProperty("loaxa.fuzz.survey", "");

    @Provide
    Arbitrary<FuzzRequest> requests(TypeUsage target) {
        var call = target.findAnnotation(Call.class).orElseThrow(() -> new IllegalStateException(
                "A fuzz property names its call with @Call")).value();
        return FuzzRequests.of(Suite.get().document.operation(call));
    }

    @Property
    void post_library(@ForAll("requests") @Call("POST /api/library") FuzzRequest request) {
        check(request);
    }

    @Property
    void get_village(@ForAll("requests") @Call("GET /api/villages/{id}") FuzzRequest request) {
        check(request);
    }

    @Property
    void put_village(@ForAll("requests") @Call("PUT /api/villages/{id}") FuzzRequest request) {
        check(request);
    }

    @Property
    void put_switching_settings(@ForAll("requests") @Call("PUT /api/settings/switching") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_broadcasts(@ForAll("requests") @Call("POST /api/broadcasts") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_emergency(@ForAll("requests") @Call("POST /api/emergency") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_emergency_preset_order(@ForAll("requests") @Call("POST /api/emergency-presets/{id}/order")
                                     FuzzRequest request) {
        check(request);
    }

    @Property
    void post_onair_stop(@ForAll("requests") @Call("POST /api/onair/stop") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_onair_skip(@ForAll("requests") @Call("POST /api/onair/skip") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_live(@ForAll("requests") @Call("POST /api/live") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_live_end(@ForAll("requests") @Call("POST /api/live/end") FuzzRequest request) {
        check(request);
    }

    @Property
    void get_airlog(@ForAll("requests") @Call("GET /api/airlog") FuzzRequest request) {
        check(request);
    }

    @Property
    void get_airlog_csv(@ForAll("requests") @Call("GET /api/airlog.csv") FuzzRequest request) {
        check(request);
    }

    @Property
    void get_airlog_villages(@ForAll("requests") @Call("GET /api/airlog/villages") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_schedules_import(@ForAll("requests") @Call("POST /api/schedules/import") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_tts(@ForAll("requests") @Call("POST /api/tts") FuzzRequest request) {
        check(request);
    }

    @Property
    void get_reports(@ForAll("requests") @Call("GET /api/reports") FuzzRequest request) {
        check(request);
    }

    @Property
    void get_evidence(@ForAll("requests") @Call("GET /api/evidence") FuzzRequest request) {
        check(request);
    }

    @Property
    void get_audit(@ForAll("requests") @Call("GET /api/audit") FuzzRequest request) {
        check(request);
    }

    @Property
    void get_audit_csv(@ForAll("requests") @Call("GET /api/audit.csv") FuzzRequest request) {
        check(request);
    }

    @Property
    void get_tokens(@ForAll("requests") @Call("GET /api/tokens") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_tokens(@ForAll("requests") @Call("POST /api/tokens") FuzzRequest request) {
        check(request);
    }

    @Property
    void delete_token(@ForAll("requests") @Call("DELETE /api/tokens/{id}") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_users(@ForAll("requests") @Call("POST /api/users") FuzzRequest request) {
        check(request);
    }

    @Property
    void post_account_password(@ForAll("requests") @Call("POST /api/account/password") FuzzRequest request) {
        check(request);
    }

    @Property
    void delete_address_lockout(@ForAll("requests") @Call("DELETE /api/security/lockouts") FuzzRequest request) {
        check(request);
    }

    @Property
    void delete_account_lockout(@ForAll("requests") @Call("DELETE /api/security/lockouts/{username}") FuzzRequest request) {
        check(request);
    }

    @Example
    void every_call_that_takes_input_has_a_property() {
        var fuzzed = new TreeSet<String>();
        Arrays.stream(ApiFuzzTest.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Property.class))
                .forEach(m -> Arrays.stream(m.getParameters()).map(p -> p.getAnnotation(Call.class))
                        .filter(c -> c != null).forEach(c -> fuzzed.add(c.value())));
        var withInput = new TreeSet<String>();
        Suite.get().document.operations().stream().filter(ApiDocument.Operation::takesInput)
                .forEach(o -> withInput.add(o.name()));
        assertThat(fuzzed).as("calls with a fuzz property in ApiFuzzTest (left) against the OpenAPI document's calls "
                + "that take parameters or a body: add a property for a new one").containsExactlyElementsOf(withInput);
    }

    private static String shortBody(SuiteHttp.Answer answer) {
        var body = answer.body().replaceAll("\\s+", " ");
        return body.length() <= 400 ? body : body.substring(0, 400) + "…(" + body.length() + " chars)";
    }

    private static synchronized void survey(FuzzRequest request, SuiteHttp.Answer answer,
                                            java.util.List<AnswerCheck.Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        var lines = new StringBuilder();
        for (var f : failures) {
            lines.append(request.call()).append(' ').append(f.signature())
                    .append(KNOWN.tolerates(Suite.get().document.operation(request.call()), f) ? "  (known)" : "")
                    .append("\n    request: ").append(request).append("\n    answer: ").append(answer.status())
                    .append(' ').append(shortBody(answer)).append("\n    why: ").append(f.why().replace('\n', ' '))
                    .append('\n');
        }
        try {
            // getBytes, not writeString: a lone surrogate the fuzzer sent (and the answer echoed) becomes '?'.
            java.nio.file.Files.write(java.nio.file.Path.of(SURVEY), lines.toString().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void check(FuzzRequest request) {
        var suite = Suite.get();
        var op = suite.document.operation(request.call());
        var answer = suite.http.send(request.request(), SuiteStation.USERS.get(Role.ADMIN));
        var failures = AnswerCheck.failures(op, answer);
        Statistics.label("answer").collect(answer.status() < 400 ? String.valueOf(answer.status())
                : answer.status() + " " + RoleMatrixTest.code(answer));
        if (!SURVEY.isBlank()) {
            survey(request, answer, failures);
            return;
        }
        var unknown = new ArrayList<AnswerCheck.Failure>();
        for (var f : failures) {
            if (KNOWN.tolerates(op, f)) {
                Statistics.label("tolerated (fuzz-known-failures.txt)").collect(f.signature());
            } else {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw new AssertionError(request.call() + " answered " + answer.status() + " "
                    + shortBody(answer) + "\n    " + String.join("\n    ",
                    unknown.stream().map(AnswerCheck.Failure::toString).toList()) + "\n    (a line \"" + request.call()
                    + " " + unknown.getFirst().signature() + "\" in fuzz-known-failures.txt would tolerate it: only "
                    + "for a failure being fixed elsewhere)");
        }
    }
}
