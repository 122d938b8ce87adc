package vn.loaxa.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class TranslationsTest {

    @Test
    void vietnamese_and_english_have_the_same_keys_and_no_empty_text() throws Exception {
        var vi = load("vaadin-i18n/translations.properties");
        var en = load("vaadin-i18n/translations_en.properties");
        assertThat(vi.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
        vi.forEach((k, v) -> assertThat((String) v).as("vi " + k).isNotBlank());
        en.forEach((k, v) -> assertThat((String) v).as("en " + k).isNotBlank());
    }

    @Test
    void vietnamese_is_the_default_and_english_is_available() {
        assertThat(Texts.get(Texts.VIETNAMESE, "nav.library")).isEqualTo("Thư viện âm thanh");
        assertThat(Texts.get(Locale_of("fr"), "nav.library")).isEqualTo("Thư viện âm thanh");
        assertThat(Texts.get(Texts.ENGLISH, "nav.library")).isEqualTo("Audio library");
        assertThat(Texts.localeOf("en-US,en;q=0.9")).isEqualTo(Texts.ENGLISH);
        assertThat(Texts.localeOf(null)).isEqualTo(Texts.VIETNAMESE);
    }

    private static java.util.Locale Locale_of(String tag) {
        return java.util.Locale.forLanguageTag(tag);
    }

    private static Properties load(String path) throws Exception {
        var p = new Properties();
        try (var in = TranslationsTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
