package vn.loaxa.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.upload.Upload;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.Texts;
import vn.loaxa.testing.UiTest;

/** The calendars and the upload widget speak the UI's language; dates stay dd/MM/yyyy, weeks start on Monday. */
class PickersTest extends UiTest {

    @Test
    @WithMockUser(username = "vanhanh", roles = "OPERATOR")
    void a_date_picker_opens_in_vietnamese_with_monday_first_and_dd_mm_yyyy() {
        var i18n = Pickers.date("Từ ngày").getI18n();
        assertThat(i18n.getMonthNames()).hasSize(12).startsWith("Tháng 1").endsWith("Tháng 12");
        assertThat(i18n.getWeekdays()).hasSize(7).startsWith("Chủ nhật").contains("Thứ hai");
        assertThat(i18n.getWeekdaysShort()).containsExactly("CN", "T2", "T3", "T4", "T5", "T6", "T7");
        assertThat(i18n.getToday()).isEqualTo("Hôm nay");
        assertThat(i18n.getCancel()).isEqualTo("Hủy");
        assertThat(i18n.getFirstDayOfWeek()).isEqualTo(1);
        assertThat(i18n.getDateFormats()).containsExactly("dd/MM/yyyy");
        assertThat(Pickers.dateTime("Lúc").getDatePickerI18n().getMonthNames()).contains("Tháng 12");
        var other = new DatePicker();
        Pickers.localise(other);
        assertThat(other.getI18n().getToday()).isEqualTo("Hôm nay");
    }

    @Test
    @WithMockUser(username = "vanhanh", roles = "OPERATOR")
    void in_english_the_calendar_is_english_and_the_format_stays() {
        useLocale(Texts.ENGLISH);
        try {
            var i18n = Pickers.date("From").getI18n();
            assertThat(i18n.getMonthNames()).startsWith("January");
            assertThat(i18n.getToday()).isEqualTo("Today");
            assertThat(i18n.getDateFormats()).containsExactly("dd/MM/yyyy");
            assertThat(i18n.getFirstDayOfWeek()).isEqualTo(1);
            DateTimePicker at = Pickers.dateTime("At");
            assertThat(at.getDatePickerI18n().getWeekdaysShort()).startsWith("Sun", "Mon");
        } finally {
            useLocale(Texts.VIETNAMESE);
        }
    }

    @Test
    @WithMockUser(username = "vanhanh", roles = "OPERATOR")
    void the_upload_widget_speaks_vietnamese() {
        var upload = new Upload();
        Pickers.localise(upload);
        var i18n = upload.getI18n();
        assertThat(i18n.getDropFiles().getMany()).isEqualTo("Kéo thả các tệp vào đây");
        assertThat(i18n.getAddFiles().getOne()).isEqualTo("Chọn tệp...");
        assertThat(i18n.getFile().getRemove()).isEqualTo("Bỏ");
        assertThat(i18n.getUploading().getError().getServerUnavailable()).contains("Máy chủ không trả lời");
    }
}
