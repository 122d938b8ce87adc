package vn.loaxa.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import vn.loaxa.audit.AuditRecords.Logged;
import vn.loaxa.base.Csv;
import vn.loaxa.base.Texts;

/**
 * The audit trail as CSV for Excel: UTF-8 with a byte-order mark, headers in the reader's language
 * (Vietnamese by default), dd/MM/yyyy HH:mm:ss in the station's zone, one line per row with its
 * place in the chain and its hashes, so a printed line can be checked against the verified trail.
 */
public final class AuditCsv {

    private static final String[] COLUMNS = {"seq", "at", "actor", "action", "actionCode", "targetKind", "targetId",
            "targetName", "details", "address", "via", "prevHash", "hash"};

    private AuditCsv() {
    }

    public static void write(List<Logged> rows, ZoneId zone, Locale locale, OutputStream out) throws IOException {
        var time = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(zone);
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        var w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        var header = new String[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            header[i] = Texts.get(locale, "audit.csv." + COLUMNS[i]);
        }
        Csv.line(w, header);
        for (var r : rows) {
            Csv.line(w, Long.toString(r.seq()), time.format(r.at()), r.actor(), actionName(locale, r.action()),
                    r.action(), r.targetKind() == null ? "" : targetName(locale, r.targetKind()), str(r.targetId()),
                    str(r.targetName()), r.detailsText(), str(r.clientAddress()),
                    Texts.get(locale, "audit.via." + r.via().name()), r.prevHash(), r.hash());
        }
        w.flush();
    }

    /** The action in words ("Duyệt tin bài"); its code when no translation is known. */
    public static String actionName(Locale locale, String code) {
        var text = Texts.get(locale, "audit.action." + code);
        return text.startsWith("!") ? code : text;
    }

    /** The kind of target in words ("Tin bài"); its code when no translation is known. */
    public static String targetName(Locale locale, String kind) {
        var text = Texts.get(locale, "audit.target." + kind);
        return text.startsWith("!") ? kind : text;
    }

    private static String str(@Nullable String s) {
        return s == null ? "" : s;
    }
}
