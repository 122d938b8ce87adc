package vn.loaxa.base.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;

import vn.loaxa.base.Texts;

/**
 * Date and time fields that show dd/MM/yyyy and the 24-hour clock whatever the browser's language,
 * with the calendar's months, weekdays and buttons in the UI's language (the web component's own
 * texts are English only), and the week starting on Monday as on a Vietnamese calendar.
 */
public final class Pickers {

    /**
     * The locale the time fields format with. A station's timetable reads 05:30 (24-hour, two-digit
     * hour); browsers format a Vietnamese time as 5:30, a British one as 05:30, so the clock is British
     * while every text around it stays in the UI's language.
     */
    static final Locale CLOCK = Locale.UK;

    private Pickers() {
    }

    public static DatePicker date(String label) {
        var picker = new DatePicker(label);
        localise(picker);
        return picker;
    }

    public static TimePicker time(String label) {
        var picker = new TimePicker(label);
        localise(picker);
        return picker;
    }

    public static DateTimePicker dateTime(String label) {
        var picker = new DateTimePicker(label);
        // The date part follows the explicit dd/MM/yyyy of the i18n; the locale only sets the clock.
        picker.setLocale(CLOCK);
        picker.setDatePickerI18n(i18n(uiLocale()));
        return picker;
    }

    /** For a date picker built elsewhere (a field of a view): the same formats and texts. */
    public static void localise(DatePicker picker) {
        picker.setI18n(i18n(uiLocale()));
        picker.setLocale(Texts.VIETNAMESE);
    }

    /** For a time picker built elsewhere: the 24-hour HH:mm clock. */
    public static void localise(TimePicker picker) {
        picker.setLocale(CLOCK);
    }

    /** The upload widget's drop hint, buttons and errors in the UI's language. */
    public static void localise(Upload upload) {
        var locale = uiLocale();
        var i18n = new UploadI18N();
        var drop = new UploadI18N.DropFiles();
        drop.setOne(Texts.get(locale, "ui.upload.dropOne"));
        drop.setMany(Texts.get(locale, "ui.upload.dropMany"));
        i18n.setDropFiles(drop);
        var add = new UploadI18N.AddFiles();
        add.setOne(Texts.get(locale, "ui.upload.addOne"));
        add.setMany(Texts.get(locale, "ui.upload.addMany"));
        i18n.setAddFiles(add);
        // The browser's refusal texts stay the component's own: they never reach the screen, the views
        // read them to tell a wrong type from a file too large and show their own Vietnamese reason.
        i18n.setUploading(new UploadI18N.Uploading()
                .setStatus(new UploadI18N.Uploading.Status()
                        .setConnecting(Texts.get(locale, "ui.upload.connecting"))
                        .setStalled(Texts.get(locale, "ui.upload.stalled"))
                        .setProcessing(Texts.get(locale, "ui.upload.processing"))
                        .setHeld(Texts.get(locale, "ui.upload.held")))
                .setRemainingTime(new UploadI18N.Uploading.RemainingTime()
                        .setPrefix(Texts.get(locale, "ui.upload.remaining"))
                        .setUnknown(Texts.get(locale, "ui.upload.remainingUnknown")))
                .setError(new UploadI18N.Uploading.Error()
                        .setServerUnavailable(Texts.get(locale, "ui.upload.serverUnavailable"))
                        .setUnexpectedServerError(Texts.get(locale, "ui.upload.serverError"))
                        .setForbidden(Texts.get(locale, "ui.upload.forbidden"))));
        i18n.setFile(new UploadI18N.File()
                .setRetry(Texts.get(locale, "ui.upload.retry"))
                .setStart(Texts.get(locale, "ui.upload.start"))
                .setRemove(Texts.get(locale, "ui.upload.remove")));
        i18n.setUnits(new UploadI18N.Units(List.of("B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB")));
        upload.setI18n(i18n);
    }

    static DatePicker.DatePickerI18n i18n(Locale locale) {
        var i18n = new DatePicker.DatePickerI18n();
        i18n.setDateFormat(Formats.DATE_PATTERN);
        i18n.setFirstDayOfWeek(1);
        i18n.setMonthNames(list(locale, "ui.picker.months"));
        i18n.setWeekdays(list(locale, "ui.picker.weekdays"));
        i18n.setWeekdaysShort(list(locale, "ui.picker.weekdaysShort"));
        i18n.setToday(Texts.get(locale, "ui.picker.today"));
        i18n.setCancel(Texts.get(locale, "ui.picker.cancel"));
        return i18n;
    }

    private static List<String> list(Locale locale, String key) {
        return Arrays.stream(Texts.get(locale, key).split(",")).map(String::strip).toList();
    }

    private static Locale uiLocale() {
        var ui = UI.getCurrent();
        var locale = ui == null ? null : ui.getLocale();
        return locale != null && Texts.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Texts.ENGLISH
                : Texts.VIETNAMESE;
    }
}
