package vn.loaxa.securitysuite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The station's OpenAPI document as the suite reads it: its operations, each with its parameters,
 * its request body's schema and the error codes it documents. Everything the suite sends is
 * generated from here, so a new endpoint is attacked the day it is documented.
 */
final class ApiDocument {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One operation: {@code POST /api/broadcasts} and its part of the document. */
    record Operation(String method, String path, JsonNode node, ApiDocument document) {

        String name() {
            return method + " " + path;
        }

        List<JsonNode> parameters(String in) {
            var result = new ArrayList<JsonNode>();
            for (var p : node.path("parameters")) {
                if (p.path("in").asString().equals(in)) {
                    result.add(p);
                }
            }
            return result;
        }

        /** The media type of the request body ({@code application/json}, {@code multipart/form-data}), or null. */
        @Nullable String bodyType() {
            var content = node.path("requestBody").path("content");
            var names = content.propertyNames();
            return names.isEmpty() ? null : names.iterator().next();
        }

        JsonNode bodySchema() {
            var type = bodyType();
            return type == null ? JSON.missingNode() : document.resolve(node.path("requestBody").path("content")
                    .path(type).path("schema"));
        }

        boolean takesInput() {
            return bodyType() != null || !node.path("parameters").isEmpty();
        }

        /** Every code the operation documents ({@code x-error-codes}). */
        Set<String> errorCodes() {
            var codes = new LinkedHashSet<String>();
            node.path("x-error-codes").forEach(c -> codes.add(c.asString()));
            return codes;
        }

        /** The codes documented for one status, from the response's {@code code} enum. */
        Set<String> errorCodes(int status) {
            var codes = new LinkedHashSet<String>();
            node.path("responses").path(String.valueOf(status)).path("content").path("application/json")
                    .path("schema").path("properties").path("code").path("enum").forEach(c -> codes.add(c.asString()));
            return codes;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private final JsonNode root;
    private final List<Operation> operations;

    ApiDocument(String json) {
        this.root = JSON.readTree(json);
        var ops = new ArrayList<Operation>();
        for (var path : root.path("paths").properties()) {
            for (var method : path.getValue().properties()) {
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method.getKey())) {
                    ops.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
                            method.getValue(), this));
                }
            }
        }
        this.operations = List.copyOf(ops);
    }

    JsonNode root() {
        return root;
    }

    List<Operation> operations() {
        return operations;
    }

    Operation operation(String name) {
        return operations.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("The OpenAPI document has no operation " + name));
    }

    /** A schema with its {@code $ref} followed (components/schemas only, which is all springdoc writes). */
    JsonNode resolve(JsonNode schema) {
        var seen = 0;
        while (schema.has("$ref") && seen++ < 20) {
            var ref = schema.path("$ref").asString();
            schema = root.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }
}
