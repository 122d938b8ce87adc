package vn.loaxa.securitysuite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The role matrix's request for an operation: well formed and of the right types, so that nothing
 * but the caller's roles can stop it before the call's own checks, and then refused by those checks
 * (ids no one has, a voice that does not exist, a file that is neither audio nor a schedule), so that
 * nothing is stored or played whoever is allowed. Built from the operation's schema alone.
 */
final class Probes {

    /** An id no row has: the call is authorised, then answers "unknown ...". */
    static final long UNKNOWN_ID = 999_999_999L;
    static final byte[] FILE = "probe: neither audio nor a schedule file".getBytes(StandardCharsets.UTF_8);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Probes() {
    }

    static SuiteHttp.Request of(ApiDocument.Operation op) {
        var path = op.path();
        for (var p : op.parameters("path")) {
            path = path.replace("{" + p.path("name").asString() + "}", scalar(p.path("name").asString(),
                    op.document().resolve(p.path("schema"))));
        }
        var query = new ArrayList<Map.Entry<String, String>>();
        for (var p : op.parameters("query")) {
            if (p.path("required").asBoolean(false)) {
                query.add(Map.entry(p.path("name").asString(), scalar(p.path("name").asString(),
                        op.document().resolve(p.path("schema")))));
            }
        }
        var type = op.bodyType();
        if (type == null) {
            return new SuiteHttp.Request(op.method(), path, query, null, null);
        }
        if (type.startsWith("multipart/")) {
            return multipart(op, path, query);
        }
        var body = value("", op.bodySchema(), op.document(), 0);
        return new SuiteHttp.Request(op.method(), path, query,
                ApiDocument.JSON.writeValueAsBytes(body), type);
    }

    private static SuiteHttp.Request multipart(ApiDocument.Operation op, String path,
                                               List<Map.Entry<String, String>> query) {
        var boundary = "probe-" + UUID.randomUUID();
        var out = new ByteArrayOutputStream();
        for (var field : op.bodySchema().path("properties").properties()) {
            var schema = op.document().resolve(field.getValue());
            var binary = schema.path("format").asString().equals("binary")
                    || schema.path("items").path("format").asString().equals("binary");
            var head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\""
                    + (binary ? "; filename=\"probe.bin\"\r\nContent-Type: application/octet-stream" : "") + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(binary ? FILE : scalar(field.getKey(), schema).getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new SuiteHttp.Request(op.method(), path, query, out.toByteArray(),
                "multipart/form-data; boundary=" + boundary);
    }

    private static JsonNode value(String name, JsonNode schema, ApiDocument document, int depth) {
        schema = document.resolve(schema);
        var type = schema.path("type").asString();
        if (type.equals("object") || schema.has("properties")) {
            var object = NODES.objectNode();
            if (depth < 4) {
                for (var p : schema.path("properties").properties()) {
                    object.set(p.getKey(), value(p.getKey(), p.getValue(), document, depth + 1));
                }
            }
            return object;
        }
        if (type.equals("array")) {
            return NODES.arrayNode().add(value(name, schema.path("items"), document, depth + 1));
        }
        if (type.equals("integer")) {
            return NODES.numberNode(isId(name) ? UNKNOWN_ID : schema.path("minimum").asLong(1));
        }
        if (type.equals("number")) {
            return NODES.numberNode(schema.path("minimum").asDouble(1));
        }
        if (type.equals("boolean")) {
            return NODES.booleanNode(false);
        }
        return NODES.stringNode(scalar(name, schema));
    }

    /** A parameter's or a text field's value, as text. */
    static String scalar(String name, JsonNode schema) {
        var type = schema.path("type").asString();
        var format = schema.path("format").asString();
        if (schema.has("enum")) {
            return schema.path("enum").get(0).asString();
        }
        if (type.equals("integer")) {
            return String.valueOf(isId(name) ? UNKNOWN_ID : schema.path("minimum").asLong(1));
        }
        if (type.equals("number")) {
            return String.valueOf(schema.path("minimum").asDouble(1));
        }
        if (type.equals("boolean")) {
            return "false";
        }
        if (format.equals("date-time")) {
            return ZonedDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.SECONDS).toInstant().toString();
        }
        if (format.equals("date")) {
            return LocalDate.now(ZoneOffset.UTC).toString();
        }
        return "x";
    }

    private static boolean isId(String name) {
        var n = name.toLowerCase(Locale.ROOT);
        return n.equals("id") || n.endsWith("id") || n.endsWith("ids");
    }
}
