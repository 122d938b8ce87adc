package vn.loaxa.library.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.UiTest;
import vn.loaxa.library.tts.EspeakNgSynthesizer;
import vn.loaxa.library.tts.SpeechService;
import vn.loaxa.library.tts.TtsProperties;

@WithMockUser(username = "operator", roles = "OPERATOR")
class SpeechDialogTest extends UiTest {

    @Autowired LibraryService library;
    @Autowired SpeechService speech;
    @Autowired AuthenticationContext auth;
    @Autowired vn.loaxa.base.StationTime stationTime;

    @Test
    void an_operator_makes_an_asset_from_a_vietnamese_text_and_finds_it_selected_in_the_library() throws Exception {
        // CI installs espeak-ng, so there its absence is a failure, not a skip.
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(speech.available(), "espeak-ng is not installed here");
        }
        navigate(LibraryView.class);
        test(find(Button.class).id("tts-open")).click();
        assertThat(allText(find(Select.class).id("tts-voice").getElement())).contains("Giọng Bắc", "Giọng Trung",
                "Giọng Nam");
        assertThat(find(TextArea.class).id("tts-text").getHelperText()).isEqualTo("0/5000 ký tự");

        find(TextField.class).id("tts-title").setValue("Loa xã: lịch tiêm chủng thôn 5");
        find(TextArea.class).id("tts-text").setValue(
                "Thông báo: sáng thứ Bảy tuần này, trạm y tế xã tổ chức tiêm chủng cho trẻ em thôn 5.");
        @SuppressWarnings("unchecked")
        var voice = (Select<String>) find(Select.class).id("tts-voice");
        voice.setValue("vi-vn-x-south");
        test(find(Button.class).id("tts-create")).click();
        assertThat(find(Div.class).id("tts-busy").isVisible()).isTrue();
        $(SpeechDialog.class).single().pending().get(120, TimeUnit.SECONDS);
        roundTrip();

        var asset = library.findAll().stream().filter(a -> a.title().equals("Loa xã: lịch tiêm chủng thôn 5"))
                .findFirst().orElseThrow();
        assertThat(asset.importedBy()).isEqualTo("operator");
        assertThat(asset.durationMs()).isBetween(2_000L, 30_000L);
        @SuppressWarnings("unchecked")
        var grid = (Grid<AudioAsset>) find(Grid.class).id("library-grid");
        assertThat(grid.asSingleSelect().getValue()).isEqualTo(asset);
        assertThat(test(grid).size()).isPositive();
        assertThat(find(Div.class).id("asset-detail").isVisible()).isTrue();
        assertThat($(SpeechDialog.class).all()).isEmpty();
        assertThat(test($(Notification.class).last()).getText()).contains("Đã nhập \"Loa xã: lịch tiêm chủng thôn 5\"");
    }

    @Test
    void an_empty_or_too_long_text_is_refused_with_its_reason_in_vietnamese() throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(speech.available(), "espeak-ng is not installed here");
        }
        navigate(LibraryView.class);
        int before = library.findAll().size();
        test(find(Button.class).id("tts-open")).click();
        var dialog = $(SpeechDialog.class).single();

        test(find(Button.class).id("tts-create")).click();
        dialog.pending().get(30, TimeUnit.SECONDS);
        roundTrip();
        assertThat(find(Div.class).id("tts-error").getText()).isEqualTo("Cần nhập nội dung văn bản để đọc.");

        find(TextArea.class).id("tts-text").setValue("a".repeat(speech.maxChars() + 1));
        assertThat(find(TextArea.class).id("tts-text").isInvalid()).isTrue();
        test(find(Button.class).id("tts-create")).click();
        dialog.pending().get(30, TimeUnit.SECONDS);
        roundTrip();
        assertThat(find(Div.class).id("tts-error").getText()).isEqualTo(
                "Văn bản quá dài (tối đa 5000 ký tự); hãy chia thành nhiều bản tin.");
        assertThat($(SpeechDialog.class).all()).hasSize(1);
        assertThat(library.findAll()).hasSize(before);
    }

    @Test
    void without_espeak_ng_the_dialog_explains_how_to_install_it_instead_of_failing() {
        var props = new TtsProperties("/nonexistent/espeak-ng", 150, 5000);
        var missing = new SpeechService(new EspeakNgSynthesizer(props), library, props);
        // The shared context keeps the real engine; this view gets one that cannot find it.
        UI.getCurrent().add(new LibraryView(library, missing, auth, stationTime));

        test(find(Button.class).id("tts-open")).click();

        var message = find(Div.class).id("tts-unavailable").getElement().getTextRecursively();
        assertThat(message).contains("chưa cài phần mềm đọc văn bản espeak-ng")
                .contains("Trên Windows").contains("espeak-ng-X64.msi").contains("C:\\Program Files\\eSpeak NG")
                .contains("Trên Linux").contains("sudo apt-get install espeak-ng");
        assertThat($(Button.class).withId("tts-create").all()).isEmpty();
        assertThat($(TextArea.class).withId("tts-text").all()).isEmpty();
    }
}
