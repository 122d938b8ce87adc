package vn.loaxa.base.ui;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.shared.Registration;

/**
 * A table that chooses its columns by the window's width: the columns that matter stay, secondary
 * ones hide below a width, so that at 1024 px (with the menu beside it) or on a phone the title,
 * the time and the state are on screen instead of scrolled away. A grid's columns live in its
 * shadow DOM where the page's stylesheet cannot reach, so the window's width comes from the browser
 * (once when the grid is shown, then on every resize) and the server sets each column's visibility.
 */
public final class ColumnsByWidth {

    /** Below this a desktop's menu and a table share a small laptop or tablet screen (1024 px). */
    public static final int LAPTOP = 1200;
    /** Below this the window is a phone. */
    public static final int PHONE = 700;

    private final Grid<?> grid;
    private final List<Rule> rules = new ArrayList<>();

    /** The columns show only while the window is at least minWidth and less than maxWidth wide. */
    private record Rule(int minWidth, int maxWidth, List<Grid.Column<?>> columns) {
        boolean hides(int windowWidth) {
            return windowWidth < minWidth || windowWidth >= maxWidth;
        }
    }

    private ColumnsByWidth(Grid<?> grid) {
        this.grid = grid;
        grid.addAttachListener(attached -> {
            var page = attached.getUI().getPage();
            page.retrieveExtendedClientDetails(details -> apply(details.getWindowInnerWidth()));
            Registration resize = page.addBrowserWindowResizeListener(e -> apply(e.getWidth()));
            grid.addDetachListener(detached -> {
                resize.remove();
                detached.unregisterListener();
            });
        });
        if (grid.isAttached()) {
            grid.getUI().map(UI::getPage).ifPresent(p -> p.retrieveExtendedClientDetails(
                    details -> apply(details.getWindowInnerWidth())));
        }
    }

    public static ColumnsByWidth of(Grid<?> grid) {
        return new ColumnsByWidth(grid);
    }

    /** The columns at these positions (0 = the first) show only when the window is at least minWidth wide. */
    public ColumnsByWidth hideBelow(int minWidth, int... positions) {
        rules.add(new Rule(minWidth, Integer.MAX_VALUE, columnsAt(positions)));
        return this;
    }

    /**
     * The columns at these positions show only when the window is narrower than maxWidth: a column
     * that gathers on a phone what the wider screens spread over several.
     */
    public ColumnsByWidth showBelow(int maxWidth, int... positions) {
        rules.add(new Rule(0, maxWidth, columnsAt(positions)));
        return this;
    }

    private List<Grid.Column<?>> columnsAt(int... positions) {
        var all = grid.getColumns();
        var columns = new ArrayList<Grid.Column<?>>();
        for (int p : positions) {
            if (p < all.size()) {
                columns.add(all.get(p));
            }
        }
        return columns;
    }

    void apply(int windowWidth) {
        if (windowWidth <= 0) {
            return;
        }
        // A column hidden by any rule stays hidden; the others show again when the window grows.
        var hidden = new ArrayList<Grid.Column<?>>();
        rules.stream().filter(r -> r.hides(windowWidth)).forEach(r -> hidden.addAll(r.columns()));
        rules.forEach(r -> r.columns().forEach(c -> c.setVisible(!hidden.contains(c))));
    }
}
