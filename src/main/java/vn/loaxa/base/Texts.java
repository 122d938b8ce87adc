package vn.loaxa.base;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The UI's translations, for code outside a Vaadin UI (API errors, exports). Vietnamese is the
 * base bundle, so any locale we have no translation for reads Vietnamese, never the JVM default.
 */
public final class Texts {

    public static final String BUNDLE = "vaadin-i18n/translations";
    public static final Locale VIETNAMESE = Locale.of("vi", "VN");
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(VIETNAMESE, ENGLISH);

    private static final ResourceBundle.Control NO_JVM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Texts() {
    }

    public static String get(Locale locale, String key, Object... args) {
        var bundle = ResourceBundle.getBundle(BUNDLE, locale, NO_JVM_FALLBACK);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            // A missing key must be visible in review and tests, but never crash a broadcast path.
            return "!" + key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** English when the caller asks for it first, else Vietnamese. */
    public static Locale localeOf(String acceptLanguage) {
        if (acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en")) {
            return ENGLISH;
        }
        return VIETNAMESE;
    }

    public static String jsonEscape(String s) {
        var sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
