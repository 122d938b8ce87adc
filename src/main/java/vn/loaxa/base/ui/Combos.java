package vn.loaxa.base.ui;

import java.util.Locale;
import java.util.Objects;

import com.vaadin.flow.component.combobox.ComboBox;

/** Choice lists that take the keyboard the way an operator filling a form expects. */
public final class Combos {

    private Combos() {
    }

    /**
     * Typing part of a name and pressing Enter (or Tab) picks the first item the list shows for it,
     * instead of dropping the text unless Arrow Down was pressed first. Text that matches nothing
     * leaves the previous choice in place. The match is the list's own filter: the label contains
     * the text, ignoring case.
     */
    public static <T> ComboBox<T> selectFirstMatchOnEnter(ComboBox<T> combo) {
        combo.setAllowCustomValue(true);
        combo.addCustomValueSetListener(e -> {
            var typed = e.getDetail() == null ? "" : e.getDetail().strip().toLowerCase(Locale.ROOT);
            var previous = combo.getValue();
            var label = combo.getItemLabelGenerator();
            var match = typed.isEmpty() ? null : combo.getGenericDataView().getItems()
                    .filter(item -> Objects.toString(label.apply(item), "").toLowerCase(Locale.ROOT).contains(typed))
                    .findFirst().orElse(null);
            if (match != null && !match.equals(previous)) {
                combo.setValue(match);
            } else {
                // The choice stays: the field shows its name again instead of the typed text.
                var shown = previous == null ? "" : Objects.toString(label.apply(previous), "");
                combo.getElement().executeJs("this.inputElement.value = $0", shown);
            }
        });
        return combo;
    }
}
