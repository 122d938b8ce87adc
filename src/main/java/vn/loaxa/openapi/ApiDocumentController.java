package vn.loaxa.openapi;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAPI document of {@code /api} as committed, in JSON and YAML. It changes only with the
 * controllers, so the tests write it (see {@code OpenApiDocumentFileTest}) and the station serves
 * the file: building it at run time kept springdoc and swagger-core, about 700 classes, in every
 * station's memory (decision 0021). Who may read it: {@code SecurityConfig} (any signed-in user).
 */
@RestController
class ApiDocumentController {

    /** The committed document, on the class path; the test that writes it names the same files. */
    static final String JSON = "openapi/loaxa-api.json";
    static final String YAML = "openapi/loaxa-api.yaml";

    /** The OpenAPI media type of the YAML form, as springdoc answered it before. */
    static final MediaType OPENAPI_YAML = new MediaType("application", "vnd.oai.openapi", StandardCharsets.UTF_8);

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Resource> json() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new ClassPathResource(JSON));
    }

    @GetMapping(path = "/v3/api-docs.yaml", produces = "application/vnd.oai.openapi")
    ResponseEntity<Resource> yaml() {
        return ResponseEntity.ok().contentType(OPENAPI_YAML).body(new ClassPathResource(YAML));
    }
}
