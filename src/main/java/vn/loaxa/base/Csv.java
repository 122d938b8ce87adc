package vn.loaxa.base;

import java.io.IOException;
import java.io.Writer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;

/**
 * CSV lines as Excel reads them: comma-separated, CRLF, every field quoted (by Apache Commons CSV),
 * never a formula, no control characters. Every CSV the station writes (air log, report figures,
 * evidence files) goes through {@link #line}. A field longer than {@link Clip#TEXT} characters (a
 * title someone made enormous) is cut with an ellipsis, so no stored text can make an export fail or
 * unreadable.
 *
 * <p>Why each field is rewritten before it is quoted ({@link #cell}):
 * <ul>
 * <li>Control characters other than tab, CR and LF are removed: NUL cuts a cell short in some
 * readers, ESC starts terminal escape sequences when a CSV is printed in a console, and none of them
 * belongs in a title. Tab, CR and LF stay (a reason may span lines; the cell is quoted).</li>
 * <li>Quoting keeps a comma file's fields apart for a reader that knows the file is comma-separated.
 * Excel under Vietnamese (and most European) regional settings splits on {@code ;}, and a text
 * import may split on tab: then a field's inner {@code ;} starts a new cell. So a formula character
 * ({@code = + - @}, also in their full-width forms) is neutralised wherever a cell could begin: at
 * the field's start and after every comma, semicolon, tab, CR or LF, spaces and quotes skipped. A
 * {@code '} is put at that point (Excel shows what follows as text and hides the mark). A field
 * that starts with a tab or CR gets one too, as OWASP advises.</li>
 * </ul>
 */
public final class Csv {

    private static final CSVFormat FORMAT = CSVFormat.EXCEL.builder()
            .setQuoteMode(QuoteMode.ALL)
            .setRecordSeparator("\r\n")
            .get();

    /** Where Excel may begin a new cell: its list separators (comma, semicolon), tab, line ends. */
    private static final String SEPARATORS = ",;\t\r\n";
    /** What makes Excel read a cell as a formula; U+FF1D etc. are the full-width forms an IME types. */
    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";
    /**
     * What Excel skips before deciding: spaces, and a double quote (a reader that splits the line
     * without honouring quotes sees the quote of {@code a,"=1"} at the start of a cell).
     */
    private static final String LEADING = " \u00A0\u3000\"";

    private Csv() {
    }

    public static void line(Writer w, String... fields) throws IOException {
        var cells = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            cells[i] = cell(Clip.text(fields[i]));
        }
        FORMAT.printRecord(w, cells);
    }

    /** The field as it is put in the file before quoting: controls removed, formulas neutralised. */
    static String cell(@Nullable String field) {
        if (field == null || field.isEmpty()) {
            return "";
        }
        var out = new StringBuilder(field.length() + 4);
        // The first character that stays decides: a NUL before a tab is removed, the tab then leads.
        int first = 0;
        while (first < field.length() && isRemovedControl(field.charAt(first))) {
            first++;
        }
        if (first < field.length() && (field.charAt(first) == '\t' || field.charAt(first) == '\r')) {
            out.append('\'');
        }
        int cellStart = out.length(); // where a ' goes if this cell turns out to be a formula
        boolean onlySpaces = true;    // nothing but spaces since cellStart
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (isRemovedControl(c)) {
                continue;
            }
            if (SEPARATORS.indexOf(c) >= 0) {
                out.append(c);
                cellStart = out.length();
                onlySpaces = true;
                continue;
            }
            if (onlySpaces && LEADING.indexOf(c) >= 0) {
                out.append(c);
                continue;
            }
            if (onlySpaces && FORMULA_STARTS.indexOf(c) >= 0) {
                out.insert(cellStart, '\'');
            }
            onlySpaces = false;
            out.append(c);
        }
        return out.toString();
    }

    /** C0 controls but tab, CR and LF; DEL; the C1 controls (U+0080-U+009F), which nothing types. */
    private static boolean isRemovedControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || (c >= 0x7F && c <= 0x9F);
    }
}
