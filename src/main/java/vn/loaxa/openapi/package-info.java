/**
 * The OpenAPI 3 document of {@code /api} ({@code /v3/api-docs}, Swagger UI for admins): what each
 * call takes and answers, and every error it can answer with its stable code, kept in one
 * catalogue ({@link vn.loaxa.openapi.ApiErrorCatalogue}) rather than spread over the controllers.
 */
@NullMarked
package vn.loaxa.openapi;

import org.jspecify.annotations.NullMarked;
