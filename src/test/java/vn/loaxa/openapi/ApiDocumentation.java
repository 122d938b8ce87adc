package vn.loaxa.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.loaxa.openapi.ApiErrorCatalogue.ErrorAnswer;

/**
 * The OpenAPI 3 document of {@code /api/**} (springdoc reads the controllers and their records, in the
 * tests only), completed here with what springdoc cannot see: the security schemes, each call's
 * summary and success statuses, and every error answer with its codes from {@link ApiErrorCatalogue}.
 * {@code OpenApiDocumentFileTest} keeps the committed {@code src/main/resources/openapi/loaxa-api.json}
 * equal to it, and the station serves that file at {@code /v3/api-docs} (decision 0021). Who may read
 * it: see {@code SecurityConfig} (any signed-in user; Swagger UI for admins).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    /** The version of the API contract, not of the product: raised when a call or a field changes. */
    static final String API_VERSION = "1.0.0";
    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";
    static final String ERROR_SCHEMA = "ApiError";
    /** The codes of every error answer of an operation, for tools (and the security test suite). */
    static final String ERROR_CODES_EXTENSION = "x-error-codes";

    @Bean
    OpenAPI loaxaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Loa Xã API").version(API_VERSION).description("""
                        The commune loudspeaker station's JSON API: the audio library, villages and their \
                        loudspeaker switching, one-off and emergency broadcasts, the air log, schedule files, \
                        text-to-speech and the VH&TT officer's reports.

                        Every call needs an account: HTTP Basic with a user's name and password, or \
                        `Authorization: Bearer <token>` with an API token. What each role may call is in the \
                        README's API table. Errors are `{"error": "<reason for a person>", "code": \
                        "<stable code>", "detail": "<technical detail>"}`, the reason in Vietnamese or in \
                        English with `Accept-Language: en`; each call lists its codes by status. A `503` \
                        or a `429` carries `Retry-After`."""))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A station account's user name and password"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("A personal or service API token")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer errorAnswers() {
        return ApiDocumentation::complete;
    }

    static void complete(OpenAPI openApi) {
        var components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas(ERROR_SCHEMA, errorSchema(null));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                complete(method, path, operation)));
    }

    private static void complete(PathItem.HttpMethod method, String path, Operation operation) {
        var name = method.name() + " " + path;
        var entry = ApiErrorCatalogue.entry(name).orElse(null);
        var takesInput = operation.getRequestBody() != null
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        operation.setTags(List.of(area(path)));
        operation.setOperationId(operationId(method.name(), path));
        if (entry != null) {
            operation.setSummary(entry.summary());
        }
        var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (entry != null) {
            success(responses, entry);
        }
        // springdoc guesses error answers from the exception handlers; the catalogue says what they are.
        responses.keySet().removeIf(status -> status.startsWith("4") || status.startsWith("5")
                || status.equals("default"));
        var answers = ApiErrorCatalogue.all(method.name(), entry, takesInput, operation.getRequestBody() != null);
        var byStatus = answers.stream().collect(Collectors.groupingBy(ErrorAnswer::status, TreeMap::new,
                Collectors.toList()));
        byStatus.forEach((status, codes) -> responses.addApiResponse(String.valueOf(status), errorResponse(status, codes)));
        operation.addExtension(ERROR_CODES_EXTENSION, answers.stream().map(ErrorAnswer::code).distinct().toList());
    }

    /** Success statuses from the catalogue (201, 202...) in place of springdoc's default 200; downloads' media types. */
    private static void success(ApiResponses responses, ApiErrorCatalogue.Entry entry) {
        var guessed = responses.get("200");
        if (!entry.success().containsKey(200)) {
            responses.remove("200");
        }
        for (var s : new TreeMap<>(entry.success()).entrySet()) {
            var response = responses.get(String.valueOf(s.getKey()));
            if (response == null) {
                response = new ApiResponse().content(guessed == null ? null : guessed.getContent());
                responses.addApiResponse(String.valueOf(s.getKey()), response);
            }
            response.setDescription(s.getValue());
            if (!entry.produces().isEmpty()) {
                var content = new Content();
                for (var type : entry.produces()) {
                    var existing = response.getContent() == null ? null : response.getContent().get(type);
                    if (existing == null && type.equals("application/json") && response.getContent() != null) {
                        existing = response.getContent().values().stream().findFirst().orElse(null);
                    }
                    content.addMediaType(type, existing != null && type.equals("application/json") ? existing
                            : new MediaType().schema(new StringSchema().format("binary")));
                }
                response.setContent(content);
            }
        }
    }

    private static ApiResponse errorResponse(int status, List<ErrorAnswer> codes) {
        var description = codes.stream().map(c -> "`" + c.code() + "`: " + c.meaning())
                .collect(Collectors.joining("; "));
        var media = new MediaType().schema(errorSchema(codes.stream().map(ErrorAnswer::code).toList()));
        var examples = new LinkedHashMap<String, Example>();
        for (var c : codes) {
            var value = new LinkedHashMap<String, Object>();
            value.put("error", c.meaning());
            value.put("code", c.code());
            value.put("detail", "");
            examples.put(c.code(), new Example().summary(c.meaning()).value(value));
        }
        media.setExamples(examples);
        var response = new ApiResponse().description(description).content(new Content().addMediaType("application/json", media));
        if (status == 503 || status == 429) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before trying again")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    /** {@code {"error", "code", "detail"}}; {@code problems} only with {@code BAD_SCHEDULE_FILE}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> errorSchema(@Nullable List<String> codes) {
        var code = new StringSchema().description("The stable code: what a program tests");
        if (codes != null) {
            code.setEnum(new ArrayList<>(codes));
        }
        var problem = new ObjectSchema()
                .addProperty("file", new StringSchema())
                .addProperty("line", new IntegerSchema())
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        Schema schema = new ObjectSchema()
                .addProperty("error", new StringSchema().description("The reason for a person, Vietnamese or English by Accept-Language"))
                .addProperty("code", code)
                .addProperty("detail", new StringSchema().description("Technical detail; never a class name or a stack"))
                .addProperty("problems", new ArraySchema().items(problem)
                        .description("Only with BAD_SCHEDULE_FILE: each problem with its file, line and field"));
        schema.setRequired(List.of("error", "code"));
        return schema;
    }

    /**
     * A stable id from the call itself ({@code putVillagesById} for PUT /api/villages/{id}) rather than
     * springdoc's from the Java method names ({@code list_2}), which change when code moves.
     */
    static String operationId(String method, String path) {
        var id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (var word : path.replaceFirst("^/api/", "").split("[/.\\-]")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.startsWith("{") && word.endsWith("}")) {
                word = "by-" + word.substring(1, word.length() - 1);
            }
            for (var part : word.split("-")) {
                if (!part.isEmpty()) {
                    id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
        }
        return id.toString();
    }

    /** The tag: the path's first segment after /api ({@code airlog} for /api/airlog.csv too). */
    static String area(String path) {
        var rest = path.startsWith("/api/") ? path.substring(5) : path;
        var end = rest.length();
        for (var stop : new char[] {'/', '.', '{'}) {
            var i = rest.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
