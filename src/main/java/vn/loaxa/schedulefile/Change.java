package vn.loaxa.schedulefile;

import java.util.List;
import java.util.Locale;

import vn.loaxa.base.Texts;

/**
 * One difference between the station and a schedule file: what an import would do (preview) or did.
 *
 * @param fields  for CHANGED, the file's field names whose values differ
 * @param details for village addresses and switching settings, each value's change for people to
 *                read ("Rơ-le: 3 → 5"): those fields are technical, and an admin approving a preview
 *                should see what the technician's file does to the loudspeakers
 */
public record Change(Section section, Action action, String name, List<String> fields, List<Detail> details) {

    public enum Section { STATION, VILLAGE, PROGRAMME, QUEUE, CAMPAIGN, BULLETIN, SWITCHING }

    public enum Action { ADDED, CHANGED, REMOVED }

    public Change {
        fields = List.copyOf(fields);
        details = List.copyOf(details);
    }

    public Change(Section section, Action action, String name, List<String> fields) {
        this(section, action, name, fields, List.of());
    }

    /** The details as sentences in {@code locale}. */
    public List<String> describe(Locale locale) {
        return details.stream().map(d -> d.message(locale)).toList();
    }

    /**
     * One value changed: {@code field} is a key under {@code schedulefile.change.} (its label), the
     * values are texts to translate, so the preview speaks each admin's language.
     */
    public record Detail(String field, Text from, Text to) {

        public String message(Locale locale) {
            return Texts.get(locale, "schedulefile.change.detail", Texts.get(locale, "schedulefile.change." + field),
                    from.message(locale), to.message(locale));
        }
    }

    /** A translation key and its arguments, already text (MessageFormat would print 9600 as "9.600"). */
    public record Text(String key, List<String> args) {

        public Text {
            args = List.copyOf(args);
        }

        static Text of(String key, String... args) {
            return new Text(key, List.of(args));
        }

        public String message(Locale locale) {
            return Texts.get(locale, key, args.toArray());
        }
    }
}
