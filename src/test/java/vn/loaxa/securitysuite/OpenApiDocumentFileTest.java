package vn.loaxa.securitysuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import vn.loaxa.security.Role;

/**
 * The station serves the OpenAPI document as a committed file (decision 0021); here springdoc, on the
 * test class path only, writes it again from the controllers and {@code ApiDocumentation}, and the
 * two must be the same. When they differ the file is rewritten and the test fails: commit the new
 * file (like docs/modules in {@code ModulesTest}), so a clean clone always serves what its code does.
 */
class OpenApiDocumentFileTest extends SuiteStation {

    static final Path JSON = Path.of("src/main/resources/openapi/loaxa-api.json");
    static final Path YAML = Path.of("src/main/resources/openapi/loaxa-api.yaml");
    /** springdoc's endpoint in the tests (src/test/resources/config/application.properties). */
    static final String GENERATED = "/v3/api-docs/generated";

    @Autowired
    ApplicationContext context;

    /** Not {@link Suite}, which reads the served document: this test must run when that is missing. */
    SuiteHttp http;

    @BeforeEach
    void station() {
        http = new SuiteHttp(SuiteStation.port(context));
    }

    @Test
    void the_committed_document_is_the_one_springdoc_writes_from_the_controllers() throws IOException {
        var answer = http.get(GENERATED, USERS.get(Role.ADMIN));
        assertThat(answer.status()).as("GET " + GENERATED + ": " + answer.body()).isEqualTo(200);
        var document = stable(JsonMapper.shared().readTree(answer.body()));
        var stale = new ArrayList<Path>();
        rewriteIfChanged(JSON, json(document), stale);
        rewriteIfChanged(YAML, yaml(document), stale);
        if (!stale.isEmpty()) {
            fail(stale + " did not match the controllers and have been rewritten: review and commit them "
                    + "(the station serves them; a build copies them to its class path)");
        }
    }

    @Test
    void the_station_serves_the_committed_files_as_they_are() throws IOException {
        var json = http.get("/v3/api-docs", USERS.get(Role.REPORTER));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json.body()).isEqualTo(onClassPath("openapi/loaxa-api.json"));
        var yaml = http.get("/v3/api-docs.yaml", USERS.get(Role.REPORTER));
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/vnd.oai.openapi"));
        assertThat(yaml.body()).isEqualTo(onClassPath("openapi/loaxa-api.yaml"));
    }

    @Test
    void two_writings_give_the_same_bytes() {
        var answer = http.get(GENERATED, USERS.get(Role.ADMIN));
        var again = http.get(GENERATED, USERS.get(Role.ADMIN));
        var first = stable(JsonMapper.shared().readTree(answer.body()));
        var second = stable(JsonMapper.shared().readTree(again.body()));
        assertThat(json(second)).isEqualTo(json(first));
        assertThat(yaml(second)).isEqualTo(yaml(first));
    }

    /**
     * Without the server springdoc derives from the request ({@code http://localhost:<test port>}):
     * Swagger UI and clients then use the address they read the document from. Keys sorted at every
     * level, so that the file changes only when the API does.
     */
    static JsonNode stable(JsonNode document) {
        var copy = sorted(document);
        ((ObjectNode) copy).remove("servers");
        return copy;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            var out = JsonNodeFactory.instance.objectNode();
            var names = new TreeSet<String>();
            node.propertyNames().forEach(names::add);
            names.forEach(name -> out.set(name, sorted(node.get(name))));
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }

    /** Two-space indentation, {@code \n} line ends whatever the platform, a final line end. */
    static String json(JsonNode document) {
        var text = JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(document);
        return text.replace("\r\n", "\n") + "\n";
    }

    /** The same document in YAML, by snakeyaml (the station's own YAML library), in block style. */
    static String yaml(JsonNode document) {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        return new Yaml(options).dump(plain(document));
    }

    /** Maps, lists and scalars, each container a new object so that snakeyaml writes no anchors. */
    private static @Nullable Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, @Nullable Object> map = new TreeMap<>();
            node.propertyNames().forEach(name -> map.put(name, plain(node.get(name))));
            return map;
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asString();
    }

    private static void rewriteIfChanged(Path file, String content, List<Path> stale) throws IOException {
        var now = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        if (!content.equals(now)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            stale.add(file);
        }
    }

    private static String onClassPath(String name) throws IOException {
        try (var in = new ClassPathResource(name).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
