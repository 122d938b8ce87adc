package vn.loaxa.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;

import org.jspecify.annotations.Nullable;

import vn.loaxa.base.ui.Notices;
import vn.loaxa.playout.NothingOnAirException;
import vn.loaxa.playout.OnAir;
import vn.loaxa.playout.OnAirControl;

/**
 * "Dừng phát" and "Bỏ qua mục này" for the broadcast last shown, each behind a confirmation that
 * names it. The buttons act on what the person saw: if another broadcast (an emergency) or another
 * item is on air by the time they confirm, the engine refuses and says so rather than cut that.
 */
final class OnAirButtons extends Div {

    private final transient OnAirControl control;
    private final String user;
    private final String idPrefix;
    private final Button stop = new Button();
    private final Button skip = new Button();
    private @Nullable OnAir shown;

    /** @param idPrefix makes the ids unique on a page that shows the buttons more than once ("bar", "dashboard") */
    OnAirButtons(OnAirControl control, String user, String idPrefix) {
        this.control = control;
        this.user = user;
        this.idPrefix = idPrefix;
        addClassName("loaxa-onair-buttons");
        stop.setText(getTranslation("ui.onair.stop"));
        stop.setIcon(VaadinIcon.STOP.create());
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        stop.setId(idPrefix + "-onair-stop");
        stop.addClickListener(e -> confirmStop());
        skip.setText(getTranslation("ui.onair.skip"));
        skip.setIcon(VaadinIcon.STEP_FORWARD.create());
        skip.addThemeVariants(ButtonVariant.LUMO_SMALL);
        skip.setId(idPrefix + "-onair-skip");
        skip.addClickListener(e -> confirmSkip());
        add(stop, skip);
        show(null);
    }

    void show(@Nullable OnAir onAir) {
        shown = onAir;
        setVisible(onAir != null);
        stop.setEnabled(onAir != null && !onAir.stopping());
        skip.setEnabled(onAir != null && !onAir.stopping() && onAir.now() != null && onAir.programmeItem() >= 0);
        // A live broadcast has one item, the voice: skipping it is stopping it, which "Dừng phát" says.
        skip.setVisible(onAir == null || !onAir.live());
        stop.setText(getTranslation(onAir != null && onAir.stopping() ? "ui.onair.stopping" : "ui.onair.stop"));
    }

    private void confirmStop() {
        var seen = shown;
        if (seen == null) {
            return;
        }
        var dialog = new ConfirmDialog(getTranslation("ui.onair.stop.title"),
                getTranslation("ui.onair.stop.text", seen.title()), getTranslation("ui.onair.stop"), ok -> {
                    if (act(() -> control.stop(seen.key(), user))) {
                        Notices.success(this, "ui.onair.stopped", seen.title());
                    }
                });
        open(dialog, "stop");
    }

    private void confirmSkip() {
        var seen = shown;
        if (seen == null || seen.now() == null) {
            return;
        }
        var now = seen.now();
        var dialog = new ConfirmDialog(getTranslation("ui.onair.skip.title"),
                getTranslation("ui.onair.skip.text", now.item(), now.itemIndex() + 1, now.itemCount(), seen.title()),
                getTranslation("ui.onair.skip"), ok -> {
                    if (act(() -> control.skip(seen.key(), now.itemIndex(), user))) {
                        Notices.success(this, "ui.onair.skipped", now.item());
                    }
                });
        open(dialog, "skip");
    }

    private void open(ConfirmDialog dialog, String what) {
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("ui.cancel"));
        dialog.setId(idPrefix + "-onair-" + what + "-confirm");
        dialog.open();
    }

    /** The engine's refusal (nothing on air any more, something else on air) in the person's words. */
    private boolean act(Runnable action) {
        try {
            return Notices.attempt(this, action);
        } catch (NothingOnAirException e) {
            Notices.error(this, getTranslation(e.messageKey()));
            return false;
        }
    }
}
