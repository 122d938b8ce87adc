package vn.loaxa.testing;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of browserless view tests: the real application context (real SQLite in the shared temp
 * folder of {@link SpringTest}), views driven on the server without a browser.
 */
@SpringBootTest
@ViewPackages(packages = "vn.loaxa")
public abstract class UiTest extends SpringBrowserlessTest {

    /** What a missing translation looks like on screen: Texts prints "!key". */
    public static final Pattern RAW_KEY = Pattern.compile("!(?:[a-z]+\\.)+[A-Za-z_]+");

    @DynamicPropertySource
    static void stationFolders(DynamicPropertyRegistry registry) {
        // Defaults a test class of its own context overrides, see SpringTest.OWN_DATA_DIR.
        registry.add("loaxa.station.data-dir",
                () -> "${" + SpringTest.OWN_DATA_DIR + ":" + SpringTest.ROOT.resolve("data-ui") + "}");
        registry.add("loaxa.library.audio-dir",
                () -> "${" + SpringTest.OWN_AUDIO_DIR + ":" + SpringTest.ROOT.resolve("audio-ui") + "}");
        registry.add("loaxa.library.max-file-size", () -> "2MB");
        registry.add("LOAXA_ADMIN_PASSWORD", () -> SpringTest.ADMIN_PASSWORD);
    }

    protected static void useLocale(Locale locale) {
        UI.getCurrent().setLocale(locale);
        UI.getCurrent().getSession().setLocale(locale);
    }

    /** Every text, label, placeholder and attribute the UI would render, flattened. */
    public static String allText(Element root) {
        var sb = new StringBuilder();
        collect(root, sb);
        return sb.toString();
    }

    private static void collect(Element e, StringBuilder sb) {
        if (e.isTextNode()) {
            sb.append(e.getText()).append('\n');
        }
        Stream.concat(e.getPropertyNames(), e.getAttributeNames()).forEach(name -> {
            var value = e.hasProperty(name) ? e.getProperty(name) : e.getAttribute(name);
            if (value != null) {
                sb.append(value).append('\n');
            }
        });
        e.getChildren().forEach(c -> collect(c, sb));
    }

    protected static boolean anyContains(Collection<String> texts, String needle) {
        return texts.stream().anyMatch(t -> t.contains(needle));
    }
}
