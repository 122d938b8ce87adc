package vn.loaxa.securitysuite;

import java.util.List;
import java.util.Map;

/**
 * JSON as the fuzzer builds it: a tree whose leaves may be anything a client could type, numbers
 * beyond every Java type, NUL and control characters, and text that is not JSON at all. Written by
 * hand rather than by a mapper so that nothing is normalised away; {@link #toString()} abbreviates
 * long runs so a shrunk failure reads well.
 */
sealed interface FuzzJson {

    /** The exact text sent. */
    String write();

    /** The same, with long strings and lists abbreviated: for reports. */
    String show();

    record Null() implements FuzzJson {
        public String write() {
            return "null";
        }

        public String show() {
            return "null";
        }
    }

    record Bool(boolean value) implements FuzzJson {
        public String write() {
            return String.valueOf(value);
        }

        public String show() {
            return write();
        }
    }

    /** A number literal as sent: {@code 9223372036854775808}, {@code 1e400}, {@code -0}. */
    record Number(String literal) implements FuzzJson {
        public String write() {
            return literal;
        }

        public String show() {
            return abbreviate(literal);
        }
    }

    record Str(String value) implements FuzzJson {
        public String write() {
            return quote(value);
        }

        public String show() {
            return quote(abbreviate(value));
        }
    }

    record Array(List<FuzzJson> items) implements FuzzJson {
        public String write() {
            var b = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : ",").append(items.get(i).write());
            }
            return b.append(']').toString();
        }

        public String show() {
            if (items.size() > 6) {
                return "[" + items.getFirst().show() + ", ... " + items.size() + " items ..., " + items.getLast().show() + "]";
            }
            return "[" + String.join(", ", items.stream().map(FuzzJson::show).toList()) + "]";
        }
    }

    record Obj(List<Map.Entry<String, FuzzJson>> fields) implements FuzzJson {
        public String write() {
            var b = new StringBuilder("{");
            for (int i = 0; i < fields.size(); i++) {
                b.append(i == 0 ? "" : ",").append(quote(fields.get(i).getKey())).append(':')
                        .append(fields.get(i).getValue().write());
            }
            return b.append('}').toString();
        }

        public String show() {
            return "{" + String.join(", ", fields.stream().map(f -> quote(abbreviate(f.getKey())) + ": "
                    + f.getValue().show()).toList()) + "}";
        }
    }

    /** Text that is not JSON (or not the JSON the call takes at the top): sent as it is. */
    record Raw(String text) implements FuzzJson {
        public String write() {
            return text;
        }

        public String show() {
            return "raw " + quote(abbreviate(text));
        }
    }

    static String quote(String s) {
        var b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** "xxxx…(100000 chars)" for a long run; short text unchanged. */
    static String abbreviate(String s) {
        if (s.length() <= 80) {
            return s;
        }
        return s.substring(0, 40) + "…(" + s.length() + " chars)…" + s.substring(s.length() - 10);
    }
}
