package vn.loaxa.console.ui;

import com.vaadin.flow.component.html.Div;

/**
 * The dashboard's and the settings' two columns, narrow left and wide right, side by side on a
 * desktop and one under the other on a phone. A flex row that wraps does this without a media query,
 * which the shared stylesheet's fixed two-track grid lacks: on a 390 px phone it squeezed the right
 * column to a few letters.
 */
final class Columns {

    private Columns() {
    }

    static Div of(Div left, Div right) {
        left.addClassName("loaxa-col");
        right.addClassName("loaxa-col");
        // 2 : 3 once both fit; below about 50em of width the right column wraps under the left.
        left.getStyle().set("flex", "2 1 20em");
        right.getStyle().set("flex", "3 1 28em");
        var columns = new Div(left, right);
        columns.addClassName("loaxa-dashboard-grid");
        columns.getStyle().set("display", "flex").set("flex-wrap", "wrap");
        return columns;
    }
}
