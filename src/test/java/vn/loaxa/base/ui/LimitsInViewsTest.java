package vn.loaxa.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.Limits;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.Topic;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

/**
 * The web UI meets the API's limits (decision 0017): its fields stop typing at the limit, and a value
 * that gets past the browser anyway is refused by the service with the reason in the user's language,
 * nothing stored.
 */
@WithMockUser(username = "operator", roles = "OPERATOR")
class LimitsInViewsTest extends UiTest {

    @Autowired LibraryService library;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @Autowired ProgrammeService programmes;
    @TempDir Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void a_bulletin_title_over_200_characters_is_refused_with_the_reason_in_vietnamese() {
        var asset = TestAssets.wav(library, tmp, "Tin ngắn", 0.3);
        UI.getCurrent().navigate("bulletins");
        var title = find(TextField.class).id("bulletin-title");
        assertThat(title.getMaxLength()).isEqualTo(Limits.TITLE);

        ((ComboBox<AudioAsset>) find(ComboBox.class).id("bulletin-asset")).setValue(asset);
        ((ComboBox<Topic>) find(ComboBox.class).id("bulletin-topic")).setValue(topics.findAll().getFirst());
        title.setValue("Tin ".repeat(60));
        test(find(Button.class).id("bulletin-submit")).click();

        assertThat(notices()).contains("Tên hoặc tiêu đề dài quá: tối đa 200 ký tự, đang có 240.");
        assertThat(bulletins.findAll()).noneMatch(b -> b.assetId() == asset.id());
    }

    @Test
    void a_programme_name_over_200_characters_is_refused_in_english_too() {
        UI.getCurrent().navigate("programmes");
        useLocale(Locale.ENGLISH);
        test(find(Button.class).id("programme-new")).click();
        var name = find(TextField.class).id("programme-name");
        assertThat(name.getMaxLength()).isEqualTo(Limits.TITLE);
        var before = programmes.findAll().size();

        name.setValue("x".repeat(100_000));
        test(find(Button.class).id("programme-save")).click();

        assertThat(notices()).contains("The name or title is too long: at most 200 characters, this one has 100000.");
        assertThat(programmes.findAll()).hasSize(before);
    }

    private String notices() {
        return String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
    }
}
