package vn.loaxa.base.ui;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.i18n.I18NProvider;
import org.springframework.stereotype.Component;

import vn.loaxa.base.Texts;

/**
 * The UI reads the same bundles as the API and exports, through {@link Texts}: Vietnamese for any
 * locale but English (never the JVM's default language), and "!key" for a missing key so tests catch it.
 */
@Component
class TextsI18NProvider implements I18NProvider {

    @Override
    public List<Locale> getProvidedLocales() {
        return Texts.SUPPORTED;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        return Texts.get(Texts.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Texts.ENGLISH : Texts.VIETNAMESE,
                key, params);
    }
}
