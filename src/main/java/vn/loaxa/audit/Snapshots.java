package vn.loaxa.audit;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what a service method saw and returned into the audit row's details: objects flattened to
 * {@code field.path = text}, the difference of two snapshots ({@code changes}: from, to), what was
 * created or removed, and more fields ({@code details}); as JSON for the row and as a line of text
 * for people. A field whose name says password, secret, token or credential is never written:
 * only that it changed ({@value #HIDDEN}).
 */
final class Snapshots {

    static final String HIDDEN = "***";
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|credential).*");
    private static final int MAX_TEXT = 500;
    private static final int MAX_FIELDS = 200;
    private static final int MAX_DEPTH = 5;
    /** A schedule file import can list hundreds of changes; a row stays readable and small. */
    private static final int MAX_JSON = 20_000;
    private static final JsonMapper JSON = JsonMapper.shared();

    private Snapshots() {
    }

    /** Every field of {@code value} as text, by path ({@code mqtt.broker}); a plain value is {@code value}. */
    static Map<String, @Nullable String> flatten(@Nullable Object value) {
        var out = new LinkedHashMap<String, @Nullable String>();
        flatten(value, "", out, 0);
        return out;
    }

    private static void flatten(@Nullable Object v, String path, Map<String, @Nullable String> out, int depth) {
        if (out.size() >= MAX_FIELDS) {
            return;
        }
        var key = path.isEmpty() ? "value" : path;
        if (v instanceof Optional<?> o) {
            flatten(o.orElse(null), path, out, depth);
        } else if (v == null || isScalar(v)) {
            out.put(key, text(v));
        } else if (v instanceof byte[] bytes) {
            out.put(key, bytes.length + " bytes");
        } else if (depth >= MAX_DEPTH) {
            out.put(key, clip(v.toString()));
        } else if (v instanceof Record r) {
            for (var c : r.getClass().getRecordComponents()) {
                Object field;
                try {
                    var accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    field = accessor.invoke(r);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    field = "?";
                }
                flatten(field, join(path, c.getName()), out, depth + 1);
            }
        } else if (v instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                flatten(e.getValue(), join(path, String.valueOf(e.getKey())), out, depth + 1);
            }
        } else if (v instanceof Collection<?> || v.getClass().isArray()) {
            var items = items(v);
            var joined = items.stream().allMatch(i -> i == null || isScalar(i))
                    // A set has no order of its own: sorted, so the same roles never read as a change.
                    ? "[" + (v instanceof Set<?> ? items.stream().map(i -> String.valueOf(text(i))).sorted()
                    : items.stream().map(i -> String.valueOf(text(i)))).collect(Collectors.joining(", ")) + "]"
                    : null;
            if (joined != null && joined.length() <= MAX_TEXT) {
                out.put(key, joined);
            } else {
                for (int i = 0; i < items.size(); i++) {
                    flatten(items.get(i), path + "[" + i + "]", out, depth + 1);
                }
            }
        } else {
            out.put(key, clip(v.toString()));
        }
    }

    private static List<@Nullable Object> items(Object v) {
        var items = new ArrayList<@Nullable Object>();
        if (v instanceof Collection<?> c) {
            items.addAll(c);
        } else {
            for (int i = 0; i < Array.getLength(v); i++) {
                items.add(Array.get(v, i));
            }
        }
        return items;
    }

    private static boolean isScalar(Object v) {
        return v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Character
                || v instanceof Enum<?> || v instanceof TemporalAccessor || v instanceof Duration
                || v instanceof Path || v instanceof java.util.UUID;
    }

    private static @Nullable String text(@Nullable Object v) {
        return v == null ? null : clip(v instanceof Enum<?> e ? e.name() : v.toString());
    }

    private static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static boolean secret(String path) {
        for (var segment : path.split("[.\\[]")) {
            if (SECRET.matcher(segment).matches()) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String shown(String path, @Nullable String value) {
        // A flag such as mustChangePassword tells nothing secret: only values are hidden.
        if (!secret(path) || "true".equals(value) || "false".equals(value)) {
            return value;
        }
        return value == null || value.isEmpty() ? value : HIDDEN;
    }

    /** The details of one row: what the snapshots show, then the extra fields, then what was included. */
    static @Nullable String details(@Nullable Object before, @Nullable Object after, boolean snapshot,
                                    @Nullable Object extra, List<String> included) {
        var json = new LinkedHashMap<String, Object>();
        if (snapshot) {
            if (before != null && after != null) {
                var changes = changes(flatten(before), flatten(after));
                if (!changes.isEmpty()) {
                    json.put("changes", changes);
                }
            } else if (after != null) {
                json.put("created", present(flatten(after)));
            } else if (before != null) {
                json.put("removed", present(flatten(before)));
            }
        }
        if (extra != null) {
            var fields = present(flatten(extra));
            if (!fields.isEmpty()) {
                json.put("details", fields);
            }
        }
        if (!included.isEmpty()) {
            json.put("included", included.size() > MAX_FIELDS ? included.subList(0, MAX_FIELDS) : included);
        }
        if (json.isEmpty()) {
            return null;
        }
        var text = JSON.writeValueAsString(json);
        if (text.length() > MAX_JSON) {
            // Still valid JSON, still saying what kind of change it was.
            var shortened = new LinkedHashMap<String, Object>();
            shortened.put("truncated", true);
            var summary = describe(text);
            shortened.put("summary", summary.length() <= MAX_JSON / 2 ? summary
                    : summary.substring(0, MAX_JSON / 2) + "…");
            text = JSON.writeValueAsString(shortened);
        }
        return text;
    }

    static Map<String, Map<String, @Nullable String>> changes(Map<String, @Nullable String> before,
                                                              Map<String, @Nullable String> after) {
        var keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        var changes = new LinkedHashMap<String, Map<String, @Nullable String>>();
        for (var k : keys) {
            var from = before.get(k);
            var to = after.get(k);
            if (!Objects.equals(from, to)) {
                var change = new LinkedHashMap<String, @Nullable String>();
                change.put("from", shown(k, from));
                change.put("to", shown(k, to));
                changes.put(k, change);
            }
        }
        return changes;
    }

    /** The fields that have a value, secrets masked. */
    private static Map<String, String> present(Map<String, @Nullable String> fields) {
        var out = new LinkedHashMap<String, String>();
        fields.forEach((k, v) -> {
            if (v != null) {
                out.put(k, Objects.requireNonNull(shown(k, v)));
            }
        });
        return out;
    }

    /** The details for people, one line: "title: A → B; comment: Đồng ý". */
    static String describe(@Nullable String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            return json;
        }
        var parts = new ArrayList<String>();
        if (root.has("summary")) {
            parts.add(root.get("summary").asString());
        }
        var changes = root.get("changes");
        if (changes != null) {
            for (var e : changes.properties()) {
                parts.add(e.getKey() + ": " + value(e.getValue().get("from")) + " → " + value(e.getValue().get("to")));
            }
        }
        for (var section : List.of("created", "removed", "details")) {
            var fields = root.get(section);
            if (fields != null) {
                for (var e : fields.properties()) {
                    parts.add(e.getKey() + ": " + value(e.getValue()));
                }
            }
        }
        var included = root.get("included");
        if (included != null) {
            for (var i : included) {
                parts.add("+ " + i.asString());
            }
        }
        return String.join("; ", parts);
    }

    private static String value(@Nullable JsonNode node) {
        return node == null || node.isNull() ? "∅" : node.asString();
    }
}
