package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.IntegerField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.library.AudioLimits;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.UiTest;

/** The admin's setting for the longest audio file: 3 hours until changed, one minute to twelve hours. */
@WithMockUser(username = "quantri", roles = "ADMIN")
class AudioLimitSettingsTest extends UiTest {

    @Autowired StationSettings settings;

    @Autowired AudioLimits limits;
    @Autowired vn.loaxa.library.LibraryService library;

    @Test
    void an_admin_sets_the_longest_audio_file_and_it_applies_to_the_next_upload() {
        try {
            navigate(SettingsView.class);
            var minutes = find(IntegerField.class).id("max-audio-minutes");
            assertThat(minutes.getValue()).isEqualTo(180);
            assertThat(allText(getCurrentView().getElement())).contains("Tệp lớn nhất có thể tải lên: 2 MB");

            minutes.setValue(90);
            test(find(Button.class).id("save-library")).click();

            assertThat(limits.maxAudioDuration()).isEqualTo(Duration.ofMinutes(90));
        } finally {
            settings.resetToDefault(AudioLimits.MAX_AUDIO_MINUTES);
        }
        assertThat(limits.maxAudioDuration()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void more_than_twelve_hours_is_refused_in_vietnamese_and_nothing_is_stored() {
        try {
            navigate(SettingsView.class);
            find(IntegerField.class).id("max-audio-minutes").setValue(721);
            test(find(Button.class).id("save-library")).click();

            assertThat(String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList()))
                    .contains("Thời lượng tối đa của một tệp âm thanh phải từ 1 đến 720 phút.");
            assertThat(limits.maxAudioDuration()).isEqualTo(Duration.ofHours(3));
        } finally {
            settings.resetToDefault(AudioLimits.MAX_AUDIO_MINUTES);
        }
    }

    @Test
    void the_library_panel_says_whether_phone_recordings_can_be_converted_here() {
        navigate(SettingsView.class);
        var text = find(com.vaadin.flow.component.html.Paragraph.class).id("library-converter").getText();
        if (library.converts()) {
            assertThat(text).startsWith("Tệp ghi âm từ điện thoại").endsWith("máy đài có ffmpeg.");
        } else {
            assertThat(text).startsWith("Máy đài chưa có ffmpeg").contains("sudo apt install ffmpeg");
        }
    }
}
