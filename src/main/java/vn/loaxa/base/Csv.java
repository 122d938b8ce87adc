package vn.loaxa.base;

import java.io.IOException;
import java.io.Writer;

/**
 * CSV lines as Excel reads them: comma-separated, CRLF, quoted where needed, never a formula. A
 * field longer than {@link Clip#TEXT} characters (a title someone made enormous) is cut with an
 * ellipsis, so no stored text can make an export fail or unreadable.
 */
public final class Csv {

    private Csv() {
    }

    public static void line(Writer w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(escape(Clip.text(fields[i])));
        }
        w.write("\r\n");
    }

    static String escape(String s) {
        // A cell starting with = + - @ is a formula to Excel; a title must never run as one.
        var safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
