package vn.loaxa.securitysuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import vn.loaxa.openapi.ApiErrorCatalogue;
import vn.loaxa.security.Role;

/**
 * The OpenAPI document is the whole API: every handler of every REST controller under /api is in it,
 * with its error codes, and it names the calls the README's table names. It is served to signed-in
 * users (HTTP Basic or the UI's session), Swagger UI to admins only, and neither is taken by the
 * Vaadin servlet.
 */
class OpenApiDocumentTest extends SuiteStation {

    @Autowired
    ApplicationContext context;

    Suite suite;

    @BeforeEach
    void station() {
        suite = Suite.of(context);
    }

    @Test
    void every_handler_of_every_rest_controller_under_api_is_in_the_document() {
        var handlers = new TreeSet<String>();
        var everyMethod = new ArrayList<String>();
        for (var mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            mapping.getHandlerMethods().forEach((info, method) -> {
                if (!AnnotatedElementUtils.hasAnnotation(method.getBeanType(), RestController.class)) {
                    return;
                }
                for (var pattern : info.getPatternValues()) {
                    if (!pattern.startsWith("/api/")) {
                        continue;
                    }
                    var methods = info.getMethodsCondition().getMethods();
                    if (methods.isEmpty()) {
                        everyMethod.add(pattern + " (" + method + ")");
                    }
                    methods.forEach(m -> handlers.add(m.name() + " " + pattern));
                }
            });
        }
        assertThat(everyMethod).as("handlers that answer every HTTP method: name the method").isEmpty();
        assertThat(handlers).as("REST handlers under /api").hasSizeGreaterThanOrEqualTo(20);
        var documented = new TreeSet<String>();
        suite.document.operations().forEach(o -> documented.add(o.name()));
        assertThat(documented).as("operations of /v3/api-docs").containsExactlyElementsOf(handlers);
    }

    @Test
    void the_document_says_what_it_is_and_how_to_sign_in() {
        var root = suite.document.root();
        assertThat(root.path("openapi").asString()).startsWith("3.");
        // It reads as an OpenAPI 3.1 model (swagger-core, springdoc's own library), not just as JSON.
        var model = assertDoesNotThrow(() -> io.swagger.v3.core.util.Json31.mapper().readValue(root.toString(),
                io.swagger.v3.oas.models.OpenAPI.class));
        assertThat(model.getPaths()).hasSize(root.path("paths").size());
        assertThat(model.getComponents().getSchemas()).containsKeys("ApiError", "BroadcastRequest", "AssetJson");
        assertThat(root.path("info").path("title").asString()).isEqualTo("Loa Xã API");
        assertThat(root.path("info").path("version").asString()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(root.path("info").path("description").asString()).contains("Accept-Language", "Bearer");
        var schemes = root.path("components").path("securitySchemes");
        assertThat(schemes.path("basicAuth").path("scheme").asString()).isEqualTo("basic");
        assertThat(schemes.path("bearerAuth").path("scheme").asString()).isEqualTo("bearer");
        assertThat(root.path("security").toString()).contains("basicAuth", "bearerAuth");
        assertThat(suite.document.operations()).as("only /api: no actuator, no Vaadin")
                .allSatisfy(o -> assertThat(o.path()).startsWith("/api/"));
        // Request and response schemas come from the controllers' records.
        var broadcast = suite.document.operation("POST /api/broadcasts");
        assertThat(broadcast.bodySchema().path("properties").propertyNames())
                .contains("startsAt", "assetIds", "villageIds", "priority", "title");
        assertThat(broadcast.node().path("responses").path("201").path("content").toString()).contains("Created");
    }

    @Test
    void every_operation_is_in_the_error_catalogue_and_lists_every_error_answer_with_its_codes() {
        var missing = new ArrayList<String>();
        var problems = new ArrayList<String>();
        var common = Set.of("UNAUTHORIZED", "FORBIDDEN", "PASSWORD_CHANGE_REQUIRED", "TOKEN_SCOPE", "LOGIN_THROTTLED",
                "DATABASE_BUSY", "STARTING", "STORAGE_FULL");
        for (var op : suite.document.operations()) {
            if (ApiErrorCatalogue.entry(op.name()).isEmpty()) {
                missing.add(op.name());
            }
            var codes = op.errorCodes();
            if (!codes.containsAll(common)) {
                problems.add(op.name() + " lacks common codes: " + codes);
            }
            if (!op.method().equals("GET") && !codes.contains("CROSS_ORIGIN")) {
                problems.add(op.name() + " changes something but does not list CROSS_ORIGIN");
            }
            if (op.takesInput() && !codes.contains("BAD_REQUEST")) {
                problems.add(op.name() + " takes input but does not list BAD_REQUEST");
            }
            var fromResponses = new TreeSet<String>();
            for (var status : op.node().path("responses").propertyNames()) {
                if (status.startsWith("4") || status.startsWith("5")) {
                    var byStatus = op.errorCodes(Integer.parseInt(status));
                    if (byStatus.isEmpty()) {
                        problems.add(op.name() + " answer " + status + " has no codes");
                    }
                    fromResponses.addAll(byStatus);
                    if ((status.equals("503") || status.equals("429"))
                            && op.node().path("responses").path(status).path("headers").path("Retry-After").isMissingNode()) {
                        problems.add(op.name() + " answer " + status + " does not document Retry-After");
                    }
                }
            }
            if (!fromResponses.equals(new TreeSet<>(codes))) {
                problems.add(op.name() + ": x-error-codes " + codes + " differ from the responses' codes " + fromResponses);
            }
        }
        assertThat(missing).as("operations without an entry in vn.loaxa.openapi.ApiErrorCatalogue: add one with "
                + "their own error codes (an empty list if they have none)").isEmpty();
        assertThat(problems).isEmpty();
        var stale = new ArrayList<>(ApiErrorCatalogue.operations());
        suite.document.operations().forEach(o -> stale.remove(o.name()));
        assertThat(stale).as("catalogue entries for calls the API no longer has").isEmpty();
    }

    @Test
    void the_library_upload_documents_the_readme_s_refusals() {
        var upload = suite.document.operation("POST /api/library");
        assertThat(upload.errorCodes(413)).containsExactly("TOO_LARGE");
        assertThat(upload.errorCodes(415)).contains("NOT_AUDIO", "UNSUPPORTED_FORMAT");
        assertThat(upload.errorCodes(422)).contains("EMPTY_FILE", "CORRUPT", "TRUNCATED", "UNDECODABLE_STREAM", "TOO_SHORT",
                "TOO_LONG");
        assertThat(upload.errorCodes(507)).contains("STORAGE_FAILED", "STORAGE_FULL");
        assertThat(upload.errorCodes(401)).containsExactly("UNAUTHORIZED", "TOKEN_INVALID");
        assertThat(upload.errorCodes(403)).contains("FORBIDDEN", "PASSWORD_CHANGE_REQUIRED", "CROSS_ORIGIN", "TOKEN_SCOPE");
        assertThat(upload.errorCodes(429)).containsExactly("LOGIN_THROTTLED");
        assertThat(upload.errorCodes(503)).contains("DATABASE_BUSY", "STARTING");
        assertThat(suite.document.operation("PUT /api/villages/{id}").errorCodes(400))
                .contains("BAD_RELAY", "BAD_DTMF", "BAD_TOPIC", "BAD_VILLAGE_CODE", "ADDRESS_IN_USE");
    }

    @Test
    void the_readme_api_table_and_the_document_name_the_same_calls() {
        var readme = new TreeSet<>(ReadmeApiTable.read().keySet());
        var documented = new TreeSet<String>();
        suite.document.operations().forEach(o -> documented.add(o.name()));
        assertThat(readme).as("README API table (left) against /v3/api-docs").containsExactlyElementsOf(documented);
    }

    @Test
    void the_document_is_for_signed_in_users_and_swagger_ui_for_admins() {
        var http = suite.http;
        var anonymous = http.get("/v3/api-docs", Caller.ANONYMOUS);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(anonymous.body()).contains("\"error\"").doesNotContain("openapi");
        for (var role : Role.values()) {
            var doc = http.get("/v3/api-docs", USERS.get(role));
            assertThat(doc.status()).as(role.name()).isEqualTo(200);
            assertThat(doc.body()).as(role.name()).contains("\"openapi\"");
        }
        assertThat(http.get("/v3/api-docs.yaml", Caller.ANONYMOUS).status()).isEqualTo(401);
        var yaml = http.get("/v3/api-docs.yaml", USERS.get(Role.REPORTER));
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.body()).contains("openapi:");
        var wrongPassword = http.get("/v3/api-docs", new Caller(USERS.get(Role.ADMIN).user(), "not-the-password-1"));
        assertThat(wrongPassword.status()).isEqualTo(401);

        // Swagger UI: the admin's page, from the swagger-ui webjar and not by the Vaadin servlet, on
        // the station's own document.
        var ui = http.get("/swagger-ui/index.html", USERS.get(Role.ADMIN));
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui").doesNotContain("vaadin");
        for (var file : List.of("swagger-ui.css", "index.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js")) {
            var served = http.get("/swagger-ui/" + file, USERS.get(Role.ADMIN));
            assertThat(served.status()).as(file).isEqualTo(200);
            assertThat(served.body()).as(file).isNotBlank().doesNotContain("vaadin");
        }
        var initializer = http.get("/swagger-ui/swagger-initializer.js", USERS.get(Role.ADMIN));
        assertThat(initializer.status()).isEqualTo(200);
        assertThat(initializer.body()).contains("v3/api-docs").doesNotContain("petstore");
        var entry = http.get("/swagger-ui.html", USERS.get(Role.ADMIN));
        assertThat(entry.status()).isEqualTo(302);
        assertThat(entry.header("Location")).contains("/swagger-ui/index.html");
        for (var role : List.of(Role.OPERATOR, Role.APPROVER, Role.REPORTER)) {
            for (var path : List.of("/swagger-ui/index.html", "/swagger-ui.html", "/swagger-ui/swagger-ui-bundle.js")) {
                var refused = http.get(path, USERS.get(role));
                assertThat(refused.status()).as(role.name() + " " + path).isEqualTo(403);
                assertThat(refused.body()).as(role.name() + " " + path).doesNotContain("swagger-ui");
            }
        }
        var visitor = http.get("/swagger-ui/index.html", Caller.ANONYMOUS);
        assertThat(visitor.status()).as("a browser without a session goes to the login page").isEqualTo(302);
        assertThat(visitor.header("Location")).endsWith("/login");
    }

    @Test
    void the_ui_session_of_a_signed_in_user_reads_the_document_and_of_an_admin_swagger_ui() throws Exception {
        var reporter = signIn(USERS.get(Role.REPORTER));
        assertThat(get(reporter, "/v3/api-docs").statusCode()).isEqualTo(200);
        assertThat(get(reporter, "/v3/api-docs").body()).contains("\"openapi\"");
        assertThat(get(reporter, "/swagger-ui/index.html").statusCode()).isEqualTo(403);
        var admin = signIn(USERS.get(Role.ADMIN));
        assertThat(get(admin, "/swagger-ui/index.html").statusCode()).isEqualTo(200);
        assertThat(get(admin, "/swagger-ui/swagger-initializer.js").statusCode()).isEqualTo(200);
        assertThat(get(admin, "/v3/api-docs").statusCode()).isEqualTo(200);
    }

    /** The login page's form, as a browser sends it (with the page's CSRF token when it has one). */
    private HttpClient signIn(Caller caller) throws Exception {
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        var page = get(browser, "/login");
        assertThat(page.statusCode()).isEqualTo(200);
        var form = "username=" + URLEncoder.encode(caller.user(), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(caller.password(), StandardCharsets.UTF_8);
        var token = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        var parameter = Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"").matcher(page.body());
        if (token.find()) {
            form += "&" + (parameter.find() ? parameter.group(1) : "_csrf") + "=" + URLEncoder.encode(token.group(1),
                    StandardCharsets.UTF_8);
        }
        var login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + suite.port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isIn(302, 303);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return browser;
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + suite.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
