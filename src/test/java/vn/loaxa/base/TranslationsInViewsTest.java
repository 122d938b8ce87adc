package vn.loaxa.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.testing.UiTest;

/** Every main view, in both languages, as an admin who sees everything: no "!key" anywhere on screen. */
@WithMockUser(username = "quantri", roles = {"ADMIN", "OPERATOR", "APPROVER", "REPORTER"})
class TranslationsInViewsTest extends UiTest {

    static final List<String> ROUTES = List.of("", "library", "bulletins", "approvals", "programmes", "calendar",
            "broadcasts", "airlog", "audit", "settings", "users", "tokens", "change-password");

    @ParameterizedTest
    @ValueSource(strings = {"vi", "en"})
    void no_view_shows_a_raw_translation_key(String language) {
        // The detector matches exactly what a missing key looks like on screen.
        assertThat(Texts.get(Texts.VIETNAMESE, "ui.no.such.key")).containsPattern(RAW_KEY);
        useLocale("en".equals(language) ? Texts.ENGLISH : Texts.VIETNAMESE);
        // A view without the layout first, so the layout is built again in the chosen language.
        navigate("change-password", Component.class);
        for (var route : ROUTES) {
            navigate(route, Component.class);
            var text = screen();
            assertThat(text).as("/" + route + " in " + language).doesNotContainPattern(RAW_KEY);
            if (!route.equals("change-password")) {
                assertThat(text).as("/" + route + " in " + language).contains(
                        "en".equals(language) ? "Log out" : "Đăng xuất");
            }
        }
    }

    /** The layout and the view as the router shows them, plus any open overlay on the UI. */
    private static String screen() {
        var chain = UI.getCurrent().getInternals().getActiveRouterTargetsChain();
        var sb = new StringBuilder();
        chain.forEach(c -> sb.append(allText(c.getElement())));
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vi", "en"})
    void the_dashboard_title_follows_the_language(String language) {
        var locale = "en".equals(language) ? Texts.ENGLISH : Locale.of("vi", "VN");
        useLocale(locale);
        navigate("change-password", Component.class);
        navigate("", Component.class);
        assertThat(screen())
                .contains("en".equals(language) ? "Station status" : "Tình trạng đài");
    }
}
