package vn.loaxa.base;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What was wrong with a JSON body, in words: the field as the caller wrote it ({@code assetIds[3]})
 * and what it must be ("a whole number"), never the Java type the station reads it into.
 */
final class JsonProblems {

    /** {@code message} for a person (translated), {@code detail} in English for a program's log. */
    record Problem(String message, String detail) {
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"([^\"]{0,100})\"");

    private JsonProblems() {
    }

    static Problem describe(@Nullable Throwable cause, Locale locale) {
        var jackson = find(cause, JacksonException.class);
        if (jackson == null) {
            // Spring's own: no body at all, or a body Jackson was never given.
            return problem(locale, "error.json.empty", "the request needs a JSON body");
        }
        var field = path(jackson);
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            var known = unknown.getKnownPropertyIds() == null ? "" : String.join(", ",
                    unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
            return problem(locale, "error.json.unknownField", "unknown field \"" + field + "\" (fields: " + known + ")",
                    field, known);
        }
        if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            var message = String.valueOf(mismatch.getOriginalMessage());
            if (message.startsWith("Trailing token")) {
                return problem(locale, "error.json.trailing", "something follows the JSON value");
            }
            if (field.isEmpty()) {
                return problem(locale, "error.json.body", "the body must be " + kind(mismatch.getTargetType(),
                        Locale.ENGLISH), kind(mismatch.getTargetType(), locale));
            }
            return problem(locale, "error.json.mustBe", field + ": must be " + kind(mismatch.getTargetType(), Locale.ENGLISH),
                    field, kind(mismatch.getTargetType(), locale));
        }
        if (jackson instanceof InputCoercionException number) {
            return problem(locale, "error.json.numberTooLarge", field + ": number out of range for "
                    + kind(number.getTargetType(), Locale.ENGLISH), field, kind(number.getTargetType(), locale));
        }
        if (jackson instanceof StreamReadException) {
            var duplicate = DUPLICATE.matcher(String.valueOf(jackson.getOriginalMessage()));
            if (duplicate.find()) {
                var name = field.isEmpty() ? duplicate.group(1) : field + "." + duplicate.group(1);
                return problem(locale, "error.json.duplicate", "field \"" + name + "\" given twice", name);
            }
        }
        if (jackson.getOriginalMessage() != null && jackson.getOriginalMessage().startsWith("No content to map")) {
            return problem(locale, "error.json.empty", "the request needs a JSON body");
        }
        var where = jackson.getLocation();
        long line = where == null ? 0 : where.getLineNr();
        long column = where == null ? 0 : where.getColumnNr();
        return problem(locale, "error.json.malformed", "not valid JSON at line " + line + ", column " + column,
                Long.toString(line), Long.toString(column));
    }

    /** {@code assetIds[3]}, {@code items[0].title}; empty for the body itself. */
    static String path(JacksonException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() > 200 ? sb.substring(0, 200) + "…" : sb.toString();
    }

    /** What a value of {@code type} looks like in JSON, in words of {@code locale}. */
    static String kind(@Nullable Class<?> type, Locale locale) {
        if (type == null) {
            return Texts.get(locale, "error.json.kind.value");
        }
        if (type.isEnum()) {
            var choices = String.join(", ", Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
            return Texts.get(locale, "error.json.kind.choice", choices);
        }
        return Texts.get(locale, "error.json.kind." + kindName(type));
    }

    private static String kindName(Class<?> type) {
        if (type == String.class || type == char.class || type == Character.class) {
            return "text";
        }
        if (List.of(long.class, int.class, short.class, byte.class, Long.class, Integer.class, Short.class, Byte.class,
                BigInteger.class).contains(type)) {
            return "wholeNumber";
        }
        if (List.of(double.class, float.class, Double.class, Float.class, BigDecimal.class).contains(type)) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "trueFalse";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "list";
        }
        if (List.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class, LocalDateTime.class).contains(type)) {
            return "dateTime";
        }
        if (type == LocalDate.class) {
            return "date";
        }
        if (type == LocalTime.class) {
            return "time";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "object";
        }
        return "value";
    }

    private static Problem problem(Locale locale, String key, String detail, Object... args) {
        return new Problem(Texts.get(locale, key, args), detail);
    }

    static <T extends Throwable> @Nullable T find(@Nullable Throwable e, Class<T> type) {
        for (var t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
