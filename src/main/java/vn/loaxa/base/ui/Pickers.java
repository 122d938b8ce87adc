package vn.loaxa.base.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.timepicker.TimePicker;

/** Date and time fields that show dd/MM/yyyy and the 24-hour clock whatever the browser's language. */
public final class Pickers {

    private Pickers() {
    }

    public static DatePicker date(String label) {
        var picker = new DatePicker(label);
        picker.setI18n(i18n());
        picker.setLocale(java.util.Locale.of("vi", "VN"));
        return picker;
    }

    public static TimePicker time(String label) {
        var picker = new TimePicker(label);
        // The Vietnamese locale formats times as 24-hour HH:mm.
        picker.setLocale(java.util.Locale.of("vi", "VN"));
        return picker;
    }

    public static DateTimePicker dateTime(String label) {
        var picker = new DateTimePicker(label);
        picker.setLocale(java.util.Locale.of("vi", "VN"));
        picker.setDatePickerI18n(i18n());
        return picker;
    }

    private static DatePicker.DatePickerI18n i18n() {
        var i18n = new DatePicker.DatePickerI18n();
        i18n.setDateFormat(Formats.DATE_PATTERN);
        i18n.setFirstDayOfWeek(1);
        return i18n;
    }
}
