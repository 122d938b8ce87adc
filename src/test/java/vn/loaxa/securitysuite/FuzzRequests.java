package vn.loaxa.securitysuite;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Requests for one operation, generated from its OpenAPI schema: its parameters and body of the
 * right shape and of wrong ones (wrong types, numbers beyond every Java type, strings up to 100,000
 * characters, lists up to 10,000 items, unknown fields, nulls, NUL and control characters, dates at
 * the ends of time, text that is no JSON at all). Every choice is a jqwik arbitrary whose first
 * alternative is the simplest (a field left out, a short value), so a failure shrinks to the
 * smallest request that still fails.
 */
final class FuzzRequests {

    /** What the suite sends and how a report shows it (long values abbreviated). */
    record FuzzRequest(String call, SuiteHttp.Request request, String shown) {
        @Override
        public String toString() {
            return shown;
        }
    }

    private record Body(byte @Nullable [] bytes, @Nullable String contentType, String shown) {
    }

    /** Text that the leak check looks for must never come from the request, or an echo would look like a leak. */
    static final Pattern MARKERS = Pattern.compile("(?i)java\\.|javax\\.|jakarta\\.|org\\.springframework|tools\\.jackson"
            + "|com\\.fasterxml|vn\\.loaxa|exception|\\.java:");

    private FuzzRequests() {
    }

    static Arbitrary<FuzzRequest> of(ApiDocument.Operation op) {
        var pathParams = op.parameters("path");
        List<Arbitrary<Map.Entry<String, String>>> path = new ArrayList<>();
        for (var p : pathParams) {
            var name = p.path("name").asString();
            path.add(scalarText(name, op.document().resolve(p.path("schema")), false).map(v -> Map.entry(name, v)));
        }
        Arbitrary<List<Map.Entry<String, String>>> pathValues = path.isEmpty() ? Arbitraries.just(List.of())
                : Combinators.combine(path).as(List::copyOf);

        List<Arbitrary<Optional<Map.Entry<String, String>>>> query = new ArrayList<>();
        for (var p : op.parameters("query")) {
            var name = p.path("name").asString();
            query.add(weighted(
                    w(3, Arbitraries.just(Optional.empty())),
                    w(6, scalarText(name, op.document().resolve(p.path("schema")), true).map(FuzzRequests::cutForQuery)
                            .map(v -> Optional.of(Map.entry(name, v))))));
        }
        query.add(weighted(w(6, Arbitraries.just(Optional.empty())), w(1, Combinators.combine(unknownName(),
                text().map(FuzzRequests::cutForQuery)).as((k, v) -> Optional.of(Map.entry(k, v))))));
        Arbitrary<List<Map.Entry<String, String>>> queryValues = Combinators.combine(query)
                .as(list -> list.stream().flatMap(Optional::stream).toList());

        Arbitrary<Body> body;
        var type = op.bodyType();
        if (type == null) {
            body = Arbitraries.just(new Body(null, null, ""));
        } else if (type.startsWith("multipart/")) {
            body = multipart(op);
        } else {
            body = json(op);
        }
        return Combinators.combine(pathValues, queryValues, body).as((p, q, b) -> {
            var uriPath = op.path();
            for (var e : p) {
                uriPath = uriPath.replace("{" + e.getKey() + "}", URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                        .replace("+", "%20"));
            }
            var request = new SuiteHttp.Request(op.method(), uriPath, q, b.bytes(), b.contentType());
            var shownQuery = q.isEmpty() ? "" : " query " + q.stream().map(e -> FuzzJson.abbreviate(e.getKey()) + "="
                    + FuzzJson.quote(FuzzJson.abbreviate(e.getValue()))).toList();
            var shownPath = p.isEmpty() ? "" : " path " + p.stream().map(e -> e.getKey() + "="
                    + FuzzJson.quote(FuzzJson.abbreviate(e.getValue()))).toList();
            return new FuzzRequest(op.name(), request, op.name() + shownPath + shownQuery + b.shown());
        });
    }

    // --- JSON bodies ------------------------------------------------------------------------------------

    private static Arbitrary<Body> json(ApiDocument.Operation op) {
        var schema = op.bodySchema();
        Arbitrary<FuzzJson> top = weighted(
                w(10, value("", schema, op.document(), 0)),
                w(2, wrongShape(schema, op.document())),
                w(1, rawText()));
        Arbitrary<String> contentType = weighted(
                w(12, Arbitraries.just("application/json")),
                w(1, Arbitraries.of("application/json; charset=ISO-8859-1", "text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "")));
        return Combinators.combine(top, contentType).as((json, ct) -> new Body(
                json.write().getBytes(StandardCharsets.UTF_8), ct.isEmpty() ? null : ct,
                (ct.equals("application/json") ? "" : " content-type " + (ct.isEmpty() ? "(none)" : ct))
                        + " body " + json.show()));
    }

    /** A value for a schema: mostly of its type, sometimes of another. */
    private static Arbitrary<FuzzJson> value(String name, JsonNode schema, ApiDocument document, int depth) {
        var s = document.resolve(schema);
        return weighted(w(6, right(name, s, document, depth)), w(1, wrongShape(s, document)),
                w(1, Arbitraries.just(new FuzzJson.Null())));
    }

    private static Arbitrary<FuzzJson> right(String name, JsonNode schema, ApiDocument document, int depth) {
        var type = schema.path("type").asString();
        if (type.equals("object") || schema.has("properties")) {
            return object(schema, document, depth);
        }
        if (type.equals("array")) {
            var items = document.resolve(schema.path("items"));
            Arbitrary<List<FuzzJson>> shortList = value(name, items, document, depth + 1).list().ofMaxSize(4);
            Arbitrary<List<FuzzJson>> longList = small(items).list().ofMinSize(200).ofMaxSize(10_000);
            return weighted(w(8, shortList), w(1, longList)).map(FuzzJson.Array::new);
        }
        if (type.equals("integer") || type.equals("number")) {
            return isId(name) ? weighted(w(1, existingIds()), w(1, number(true))) : number(type.equals("integer"));
        }
        if (type.equals("boolean")) {
            return Arbitraries.of(true, false).map(FuzzJson.Bool::new);
        }
        return scalarText(name, schema, true).map(FuzzJson.Str::new);
    }

    /**
     * Either every declared field of the right type (so that requests reach the checks behind the
     * reading of the body), or each field left out, null, right or wrong; then maybe an unknown one.
     */
    private static Arbitrary<FuzzJson> object(JsonNode schema, ApiDocument document, int depth) {
        return weighted(w(1, object(schema, document, depth, false)), w(1, object(schema, document, depth, true)));
    }

    private static Arbitrary<FuzzJson> object(JsonNode schema, ApiDocument document, int depth, boolean complete) {
        List<Arbitrary<Optional<Map.Entry<String, FuzzJson>>>> fields = new ArrayList<>();
        if (depth < 3) {
            for (var p : schema.path("properties").properties()) {
                var name = p.getKey();
                if (complete) {
                    fields.add(valid(name, document.resolve(p.getValue()), document, depth + 1)
                            .map(v -> Optional.of(Map.entry(name, v))));
                    continue;
                }
                fields.add(weighted(
                        w(2, Arbitraries.just(Optional.empty())),
                        w(8, value(name, p.getValue(), document, depth + 1).map(v -> Optional.of(Map.entry(name, v))))));
            }
        }
        fields.add(weighted(w(5, Arbitraries.just(Optional.empty())), w(1, Combinators.combine(unknownName(),
                Arbitraries.lazy(() -> anyJson(1))).as((k, v) -> Optional.of(Map.entry(k, v))))));
        return Combinators.combine(fields).as(list -> new FuzzJson.Obj(list.stream().flatMap(Optional::stream).toList()));
    }

    /**
     * A value that reads as the schema's type: an enum's own value, an instant or date java.time can
     * hold (up to its ends), a number that fits, any text. What the call then makes of it is its own
     * check's business, which is what these values are for.
     */
    private static Arbitrary<FuzzJson> valid(String name, JsonNode schema, ApiDocument document, int depth) {
        var type = schema.path("type").asString();
        var format = schema.path("format").asString();
        if (type.equals("object") || schema.has("properties")) {
            return object(schema, document, depth, true);
        }
        if (type.equals("array")) {
            var items = document.resolve(schema.path("items"));
            return weighted(w(8, valid(name, items, document, depth + 1).list().ofMaxSize(4)),
                    w(1, small(items).list().ofMinSize(200).ofMaxSize(10_000))).map(FuzzJson.Array::new);
        }
        if (type.equals("integer")) {
            Arbitrary<Long> values = format.equals("int32") ? Arbitraries.integers().map(Integer::longValue)
                    : Arbitraries.longs();
            var plain = values.map(l -> (FuzzJson) new FuzzJson.Number(Long.toString(l)));
            return isId(name) ? weighted(w(2, existingIds()), w(1, plain)) : plain;
        }
        if (type.equals("number")) {
            return Arbitraries.doubles().filter(Double::isFinite).map(d -> new FuzzJson.Number(Double.toString(d)));
        }
        if (type.equals("boolean")) {
            return Arbitraries.of(true, false).map(FuzzJson.Bool::new);
        }
        if (schema.has("enum")) {
            var values = new ArrayList<String>();
            schema.path("enum").forEach(v -> values.add(v.asString()));
            return Arbitraries.of(values).map(FuzzJson.Str::new);
        }
        if (format.equals("date-time")) {
            var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            return weighted(
                    w(4, Arbitraries.longs().between(-3600, 6 * 365L * 86400).map(x -> now.plusSeconds(x).toString())),
                    w(1, Arbitraries.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                            "+999999999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z")))
                    .map(FuzzJson.Str::new);
        }
        if (format.equals("date")) {
            var today = LocalDate.now();
            return weighted(w(4, Arbitraries.integers().between(-8 * 365, 8 * 365).map(d -> today.plusDays(d).toString())),
                    w(1, Arbitraries.of("+999999999-12-31", "-999999999-01-01"))).map(FuzzJson.Str::new);
        }
        return text().map(FuzzJson.Str::new);
    }

    /** Small items for long lists: a 10,000-item list of 100,000-character strings would test the test machine. */
    private static Arbitrary<FuzzJson> small(JsonNode items) {
        var type = items.path("type").asString();
        if (type.equals("integer") || type.equals("number")) {
            return Arbitraries.longs().map(l -> new FuzzJson.Number(Long.toString(l)));
        }
        return Arbitraries.strings().alpha().ofMaxLength(8).map(FuzzJson.Str::new);
    }

    /** A JSON value that is not of the schema's type. */
    private static Arbitrary<FuzzJson> wrongShape(JsonNode schema, ApiDocument document) {
        var type = schema.path("type").asString();
        List<Arbitrary<FuzzJson>> others = new ArrayList<>();
        if (!type.equals("string")) {
            others.add(text().map(FuzzJson.Str::new));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            others.add(number(true));
        }
        if (!type.equals("boolean")) {
            others.add(Arbitraries.of(true, false).map(FuzzJson.Bool::new));
        }
        if (!type.equals("array")) {
            others.add(Arbitraries.lazy(() -> anyJson(1)).list().ofMaxSize(3).map(FuzzJson.Array::new));
        }
        if (!type.equals("object") && !schema.has("properties")) {
            others.add(Arbitraries.lazy(() -> anyJson(1)).map(v -> new FuzzJson.Obj(List.of(Map.entry("value", v)))));
        }
        return Arbitraries.oneOf(others);
    }

    private static Arbitrary<FuzzJson> anyJson(int depth) {
        List<Arbitrary<FuzzJson>> leaves = List.of(Arbitraries.just(new FuzzJson.Null()), number(true),
                text().map(FuzzJson.Str::new), Arbitraries.of(true, false).map(FuzzJson.Bool::new));
        if (depth >= 2) {
            return Arbitraries.oneOf(leaves);
        }
        var all = new ArrayList<>(leaves);
        all.add(Arbitraries.lazy(() -> anyJson(depth + 1)).list().ofMaxSize(3).map(FuzzJson.Array::new));
        return Arbitraries.oneOf(all);
    }

    /** Numbers, plain and beyond: long's ends and past them, fractions in integer fields, 1e400, 1000 digits. */
    private static Arbitrary<FuzzJson> number(boolean integer) {
        Arbitrary<String> plain = integer ? Arbitraries.longs().map(String::valueOf)
                : Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0");
        Arbitrary<String> odd = Arbitraries.of("0", "-0", "-1", "2147483648", "-2147483649", "9223372036854775807",
                "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
                "123456789012345678901234567890123456789", "1.5", "1e2", "1e400", "-1e400", "1E-400", "0.0000001",
                "1.7976931348623157E309", "9".repeat(1000), "9".repeat(20_000));
        return weighted(w(4, plain), w(3, odd)).map(FuzzJson.Number::new);
    }

    /** Text that is not JSON, or JSON that is no object: empty, cut off, nested 5,000 deep, two documents. */
    private static Arbitrary<FuzzJson> rawText() {
        return weighted(
                w(3, Arbitraries.of("", "{", "}", "{\"a\":", "not json", "\u0000", "{\"title\":\"x\",}", "{'title':'x'}",
                        "\ufeff{}", "{}{}", "{} trailing", "[]", "NaN", "{\"title\":\"x\",\"title\":\"y\"}",
                        "{\"title\":\"\\ud800\"}", "{\"title\":\"\\u0000\"}", "/* comment */ {}")),
                w(1, Arbitraries.integers().between(10, 5_000).map(n -> "[".repeat(n) + "]".repeat(n))),
                w(1, Arbitraries.integers().between(10, 5_000).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n))))
                .map(FuzzJson.Raw::new);
    }

    // --- Parameters and text ----------------------------------------------------------------------------

    /**
     * Text for a parameter or a string field: of the schema's kind (a date, a number, an enum's value)
     * or any text. {@code roomy} allows the 100,000-character strings (not in a path).
     */
    private static Arbitrary<String> scalarText(String name, JsonNode schema, boolean roomy) {
        var type = schema.path("type").asString();
        var format = schema.path("format").asString();
        Arbitrary<String> own;
        if (schema.has("enum")) {
            var values = new ArrayList<String>();
            schema.path("enum").forEach(v -> values.add(v.asString()));
            own = weighted(w(4, Arbitraries.of(values)), w(1, Arbitraries.of(values).map(v -> v.toLowerCase(java.util.Locale.ROOT))),
                    w(1, Arbitraries.of(values).map(v -> " " + v)));
        } else if (type.equals("integer") || type.equals("number")) {
            own = isId(name) ? weighted(w(1, existingIds()), w(1, number(true))).map(FuzzJson::write)
                    : number(type.equals("integer")).map(FuzzJson::write);
        } else if (type.equals("boolean")) {
            own = Arbitraries.of("true", "false", "TRUE", "1", "0", "yes", "");
        } else if (format.equals("date-time")) {
            own = instants();
        } else if (format.equals("date")) {
            own = dates();
        } else {
            return roomy ? text() : text().filter(s -> s.length() <= 200);
        }
        return weighted(w(5, own), w(1, roomy ? text() : text().filter(s -> s.length() <= 200)));
    }

    /** Instants: around now (valid), at the ends of java.time and past them, malformed. */
    private static Arbitrary<String> instants() {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return weighted(
                w(3, Arbitraries.longs().between(-3 * 365L * 86400, 6 * 365L * 86400).map(s -> now.plusSeconds(s).toString())),
                w(1, Arbitraries.longs().between(-600, 600).map(s -> now.plusSeconds(s).atOffset(java.time.ZoneOffset.ofHours(7)).toString())),
                w(3, Arbitraries.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                        "+999999999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
                        "1970-01-01T00:00:00Z", "2031-01-01T00:00:00Z", "2026-02-30T08:00:00+07:00",
                        "2026-03-02T08:00:00+18:00", "2026-03-02T08:00:00-18:00", "2026-03-02T25:61:61Z",
                        "2026-03-02", "08:00", "now", "", "1772413200", "2026-03-02T08:00:00.1234567890123Z")));
    }

    /** Dates: today ± years, the ends of LocalDate and past them, malformed. */
    private static Arbitrary<String> dates() {
        var today = LocalDate.now();
        return weighted(
                w(3, Arbitraries.integers().between(-8 * 365, 8 * 365).map(d -> today.plusDays(d).toString())),
                w(3, Arbitraries.of("+999999999-12-31", "-999999999-01-01", "9999-12-31", "0000-01-01", "0001-01-01",
                        "1900-01-01", "2026-02-29", "2026-13-01", "2026-00-10", "31/12/2026", "2026-1-1", "", "today",
                        "+1000000000-01-01")));
    }

    /**
     * Any text: short words and Vietnamese, control characters and NUL, formula and markup and path
     * tricks, and runs of one character up to 100,000 long. Never the leak check's markers.
     */
    static Arbitrary<String> text() {
        return weighted(
                w(4, Arbitraries.strings().ascii().ofMaxLength(12)),
                w(2, Arbitraries.strings().all().ofMaxLength(40)),
                w(2, Arbitraries.of("", " ", "x", "Thôn 1", "Bản tin CCHC số 1", "Đài truyền thanh xã Gio Sơn", "\u0000",
                        "a\u0000b", "\u001b[31m", "\r\n", "\t", "\u202eevil", "\u200b", "\ud800", "🔊📢",
                        "x;=HYPERLINK(\"http://example.invalid\")", "=1+1", "+1", "@SUM(A1)", "' OR '1'='1",
                        "<script>alert(1)</script>", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%00",
                        "%s%n%x", "null", "true", "-1", "NaN", "Infinity", "{}", "[]", "*31#", "tcp:", "v1", "O1")),
                w(1, Combinators.combine(Arbitraries.of("x", "ữ", "\u0000", " ", "9", "🔊"),
                        Arbitraries.integers().between(200, 100_000)).as((c, n) -> c.repeat(n / c.length()))))
                .filter(s -> !MARKERS.matcher(s).find());
    }

    /**
     * A query value cut to 2,000 characters: still past Tomcat's 8 KB request line once encoded, but
     * not so long that the server's early 400 and close land while the client is still writing the
     * line (a broken pipe on the client's side, not an answer of the station's).
     */
    private static String cutForQuery(String s) {
        return s.length() <= 2_000 ? s : s.substring(0, Character.isHighSurrogate(s.charAt(1_999)) ? 1_999 : 2_000);
    }

    /** Ids of rows the suite's station has (its seven villages, its asset), so requests get past "unknown". */
    private static Arbitrary<FuzzJson> existingIds() {
        return Arbitraries.longs().between(0, 9).map(l -> new FuzzJson.Number(Long.toString(l)));
    }

    private static boolean isId(String name) {
        var n = name.toLowerCase(java.util.Locale.ROOT);
        return n.equals("id") || n.endsWith("id") || n.endsWith("ids") || n.equals("village");
    }

    private static Arbitrary<String> unknownName() {
        return Arbitraries.of("unknown", "__proto__", "constructor", "@class", "$type", "id", "admin", "x".repeat(10_000));
    }

    // --- Multipart bodies ---------------------------------------------------------------------------------

    private record Part(String name, @Nullable String filename, byte[] content) {
        String show() {
            return name + (filename == null ? "" : "(" + FuzzJson.quote(FuzzJson.abbreviate(filename)) + ")") + "="
                    + (filename == null ? FuzzJson.quote(FuzzJson.abbreviate(new String(content, StandardCharsets.UTF_8)))
                    : content.length + " bytes " + FuzzJson.quote(FuzzJson.abbreviate(
                    new String(content, 0, Math.min(content.length, 60), StandardCharsets.ISO_8859_1))));
        }
    }

    private static Arbitrary<Body> multipart(ApiDocument.Operation op) {
        List<Arbitrary<List<Part>>> fields = new ArrayList<>();
        for (var p : op.bodySchema().path("properties").properties()) {
            var name = p.getKey();
            var schema = op.document().resolve(p.getValue());
            Arbitrary<List<Part>> parts;
            if (schema.path("format").asString().equals("binary")) {
                parts = file(name).map(List::of);
            } else if (schema.path("items").path("format").asString().equals("binary")) {
                parts = file(name).list().ofMinSize(1).ofMaxSize(3);
            } else {
                parts = text().map(t -> List.of(new Part(name, null, t.getBytes(StandardCharsets.UTF_8))));
            }
            fields.add(weighted(w(1, Arbitraries.just(List.of())), w(8, parts)));
        }
        fields.add(weighted(w(6, Arbitraries.just(List.of())), w(1, Combinators.combine(unknownName(), text())
                .as((k, v) -> List.of(new Part(k, null, v.getBytes(StandardCharsets.UTF_8)))))));
        Arbitrary<Body> wellFormed = Combinators.combine(fields).as(list -> {
            var parts = list.stream().flatMap(List::stream).toList();
            var boundary = "fuzz-boundary-7MA4YWxkTrZu0gW";
            var out = new ByteArrayOutputStream();
            for (var part : parts) {
                out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                        + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"\r\nContent-Type: "
                        + "application/octet-stream") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(part.content());
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Body(out.toByteArray(), "multipart/form-data; boundary=" + boundary,
                    " parts " + parts.stream().map(Part::show).toList());
        });
        Arbitrary<Body> broken = Arbitraries.of(
                new Body(new byte[0], "multipart/form-data; boundary=x", " empty multipart body"),
                new Body("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n\r\nID3".getBytes(
                        StandardCharsets.UTF_8), "multipart/form-data; boundary=x", " multipart cut off in a part"),
                new Body("--y\r\n\r\n--y--\r\n".getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=x",
                        " multipart with another boundary"),
                new Body("{}".getBytes(StandardCharsets.UTF_8), "multipart/form-data", " multipart without a boundary"),
                new Body("{}".getBytes(StandardCharsets.UTF_8), "application/json", " JSON where multipart is expected"),
                new Body(new byte[0], null, " no body, no content type"));
        return weighted(w(10, wellFormed), w(1, broken));
    }

    /** A file part: names with tricks in them; content that is random, almost audio, or a schedule file's text. */
    private static Arbitrary<Part> file(String field) {
        Arbitrary<String> names = weighted(
                w(3, Arbitraries.of("a.mp3", "b.wav", "schedule.yaml", "")),
                w(1, Arbitraries.of("../../../../etc/passwd", "..\\..\\x.wav", "Bản tin CCHC.mp3", "a\u0000.mp3", "CON.wav",
                        "x".repeat(300) + ".mp3", "a\".mp3", "🔊.wav", "=cmd|' /C calc'!A0.mp3")));
        Arbitrary<byte[]> content = weighted(
                w(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(2048)),
                w(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(512).map(b -> concat("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000", b))),
                w(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(512).map(b -> concat("\u00ff\u00fb\u0090\u0064", b))),
                w(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(512).map(b -> concat("RIFF\u0024\u0000\u0000\u0000WAVEfmt ", b))),
                w(2, Arbitraries.of("{}", "x: [", "station: {commune: 'Gio Sơn'}", "villages: [Thôn 1, Thôn 1]",
                        "programmes: [{name: a, time: '25:00'}]", "a: &a [*a, *a]", "!!set {a}", "\u0000\u0001",
                        "bulletins: [{title: x, file: ../../../etc/passwd}]", "station:\n  time_zone: Mars/Olympus")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8))));
        return Combinators.combine(names, content).as((n, c) -> new Part(field, n, c));
    }

    private static byte[] concat(String head, byte[] tail) {
        var h = head.getBytes(StandardCharsets.ISO_8859_1);
        var all = new byte[h.length + tail.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(tail, 0, all, h.length, tail.length);
        return all;
    }

    // --- jqwik helpers ---------------------------------------------------------------------------------------

    private static <T> Tuple2<Integer, Arbitrary<T>> w(int weight, Arbitrary<T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    /** {@link Arbitraries#frequencyOf}: shrinks towards the first alternative, so put the simplest first. */
    @SafeVarargs
    private static <T> Arbitrary<T> weighted(Tuple2<Integer, Arbitrary<T>>... alternatives) {
        return Arbitraries.frequencyOf(List.of(alternatives));
    }
}
