/**
 * The OpenAPI 3 document of {@code /api} ({@code /v3/api-docs}, Swagger UI for admins): what each
 * call takes and answers, and every error it can answer with its stable code. The document is
 * written from the controllers by the tests (springdoc, with the error catalogue
 * {@code vn.loaxa.openapi.ApiErrorCatalogue} under {@code src/test/java}) and committed as
 * {@code src/main/resources/openapi/loaxa-api.json}; the station only serves that file (decision 0021).
 */
@NullMarked
package vn.loaxa.openapi;

import org.jspecify.annotations.NullMarked;
