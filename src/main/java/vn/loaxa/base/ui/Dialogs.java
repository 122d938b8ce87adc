package vn.loaxa.base.ui;

import com.vaadin.flow.component.Focusable;
import com.vaadin.flow.component.dialog.Dialog;

/** What every form dialog does the same way. */
public final class Dialogs {

    private Dialogs() {
    }

    /**
     * Puts the cursor in the dialog's first field each time it opens: typing starts at once, and a
     * screen reader announces the field rather than the dialog's frame.
     */
    public static void focusOnOpen(Dialog dialog, Focusable<?> first) {
        dialog.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                first.focus();
            }
        });
    }
}
