package vn.loaxa.airlog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import vn.loaxa.base.Csv;
import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.base.Texts;

/**
 * The air log as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads the Vietnamese
 * as Windows-1258 mojibake), dd/MM/yyyy HH:mm:ss in the station's zone, one row per broadcast
 * followed by one per item. New columns go at the end, so a sheet that reads them by position
 * keeps working.
 */
public final class AirLogCsv {

    private static final String[] COLUMNS = {"type", "key", "title", "topic", "planned", "start", "end",
            "nominalS", "actualS", "villages", "priority", "outcome", "trigger", "reason", "sha256", "gainDb"};

    private AirLogCsv() {
    }

    public static void write(List<LoggedBroadcast> broadcasts, ZoneId zone, Locale locale, OutputStream out)
            throws IOException {
        var time = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(zone);
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        var header = new String[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            header[i] = Texts.get(locale, "airlog.csv." + COLUMNS[i]);
        }
        line(w, header);
        for (var b : broadcasts) {
            var trigger = Texts.get(locale, "airlog.trigger." + b.trigger().name())
                    + (b.trigger() == Trigger.OPERATOR || b.trigger() == Trigger.LIVE ? " (" + b.triggeredBy() + ")" : "");
            line(w, Texts.get(locale, "airlog.csv.type.broadcast"), b.occurrenceKey(), b.title(), "",
                    format(time, b.plannedStart()), format(time, b.actualStart()), format(time, b.actualEnd()),
                    seconds(b.nominalMs()), seconds(b.actualMs()), b.villageNames(),
                    Texts.get(locale, "airlog.priority." + b.priority().name()),
                    b.outcome() == null ? Texts.get(locale, "airlog.outcome.UNFINISHED")
                            : Texts.get(locale, "airlog.outcome." + b.outcome().name()),
                    trigger, b.reason() == null ? "" : b.reason(), "", "");
            for (var i : b.items()) {
                line(w, Texts.get(locale, "airlog.csv.type.item"), b.occurrenceKey(), i.title(),
                        i.topicName() == null ? "" : i.topicName(), "", "", "", seconds(i.nominalMs()),
                        seconds(i.actualMs()), "", "", Texts.get(locale, "airlog.outcome." + i.outcome().name()), "",
                        "", i.sha256(), gain(i.gainDb(), locale));
            }
        }
        w.flush();
    }

    private static String format(DateTimeFormatter f, @Nullable Instant t) {
        return t == null ? "" : f.format(t);
    }

    private static String seconds(@Nullable Long ms) {
        // A decimal point would be read as a thousands separator under Vietnamese Excel settings.
        return ms == null ? "" : Long.toString(Math.round(ms / 1000.0));
    }

    /**
     * The loudness gain the player applied (decision 0034), in dB to the hundredth the log keeps.
     * The export's language gives the decimal separator: a comma in Vietnamese, which Excel under
     * Vietnamese regional settings reads as a decimal (a point would be read as thousands), a point
     * in English. No "+" and no grouping, as the other figures. A cut (negative gain) gets Csv's
     * formula guard like every cell that starts with "-": Excel shows it as text, never as a formula.
     * Empty for rows older than the column and for sounds the player did not level.
     */
    static String gain(@Nullable Double db, Locale locale) {
        return db == null ? "" : String.format(locale, "%.2f", db);
    }

    private static void line(Writer w, String... fields) throws IOException {
        Csv.line(w, fields);
    }
}
