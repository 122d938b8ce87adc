package vn.loaxa.base;

import org.jspecify.annotations.Nullable;

/**
 * Stored texts cut to what a report file can hold. A title, a reason or a name can be as long as
 * whoever stored it made it (older data, a schedule file, a driver's message), and a report of a
 * period must never fail because of one row: an over-long text is cut and ends in an ellipsis, so
 * the reader sees it was cut. Control characters XML cannot carry are dropped. The air log itself
 * keeps the whole text.
 */
public final class Clip {

    /** Excel's limit for the text of one cell (and LibreOffice's); POI refuses a longer one. */
    public static final int XLSX_CELL = 32_767;
    /** For docx paragraphs and CSV fields: a title longer than this is no longer read, only scrolled. */
    public static final int TEXT = 1_000;

    private static final String ELLIPSIS = "…";

    private Clip() {
    }

    /** The text itself when it fits in {@code max} characters, else its start and an ellipsis, {@code max} in all. */
    public static String to(@Nullable String s, int max) {
        if (s == null) {
            return "";
        }
        s = printable(s);
        if (s.length() <= max) {
            return s;
        }
        int end = max - ELLIPSIS.length();
        // Never split a surrogate pair: half an emoji is not valid text in any of the formats.
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + ELLIPSIS;
    }

    /**
     * Without the control characters XML 1.0 cannot carry (NUL, ESC...; tab and line breaks stay)
     * and without halves of surrogate pairs: in a docx or xlsx either makes the whole file unreadable.
     */
    static String printable(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean keep;
            if (Character.isHighSurrogate(ch)) {
                keep = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (keep) {
                    if (out != null) {
                        out.append(ch).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                keep = !Character.isLowSurrogate(ch) && (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r')
                        && ch != 0xFFFE && ch != 0xFFFF;
            }
            if (!keep && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (keep && out != null) {
                out.append(ch);
            }
        }
        return out == null ? s : out.toString();
    }

    /** {@link #to} with {@link #TEXT}. */
    public static String text(@Nullable String s) {
        return to(s, TEXT);
    }
}
