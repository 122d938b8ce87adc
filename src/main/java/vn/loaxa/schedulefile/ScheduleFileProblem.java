package vn.loaxa.schedulefile;

import java.util.Locale;

import vn.loaxa.base.Texts;

/**
 * One thing wrong in a schedule file: where (file, line, field) and what, as a translation key
 * {@code schedulefile.error.*} with its arguments (or the key a service refused a value with, e.g.
 * {@code error.zone.inUse}). Also a warning about a file that can still be imported
 * ({@code schedulefile.warning.*}).
 */
public record ScheduleFileProblem(String file, int line, String field, String key, Object... args) {

    public static ScheduleFileProblem at(ScheduleDocument.Where where, String key, Object... args) {
        return new ScheduleFileProblem(where.file(), where.line(), where.field(), key, args);
    }

    /** "gio-son.yaml, dòng 12, trường programmes[0].time: Giờ "25:00" không hợp lệ ..." */
    public String message(Locale locale) {
        // The line as text: MessageFormat would print line 1234 as "1.234" in Vietnamese.
        var place = field.isEmpty() ? Texts.get(locale, "schedulefile.atLine", file, String.valueOf(line))
                : Texts.get(locale, "schedulefile.at", file, String.valueOf(line), field);
        return place + ": " + Texts.get(locale, key, args);
    }
}
