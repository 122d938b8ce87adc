package vn.loaxa.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.vaadin.flow.component.grid.Grid;
import org.junit.jupiter.api.Test;

class ColumnsByWidthTest {

    @Test
    void columns_hide_below_their_width_and_a_phone_column_shows_only_below_its_own() {
        var grid = new Grid<String>();
        grid.addColumn(s -> s).setKey("time");
        grid.addColumn(s -> s).setKey("detail");
        grid.addColumn(s -> s).setKey("title");
        grid.addColumn(s -> s).setKey("card");
        var columns = ColumnsByWidth.of(grid).hideBelow(ColumnsByWidth.LAPTOP, 1)
                .hideBelow(ColumnsByWidth.PHONE, 0, 2).showBelow(ColumnsByWidth.PHONE, 3);

        columns.apply(1366);
        assertThat(visible(grid)).containsExactly("time", "detail", "title");
        columns.apply(1024);
        assertThat(visible(grid)).containsExactly("time", "title");
        columns.apply(390);
        assertThat(visible(grid)).containsExactly("card");
        // Turned back to landscape: the table returns and the card goes.
        columns.apply(ColumnsByWidth.PHONE);
        assertThat(visible(grid)).containsExactly("time", "title");
        // A width the browser could not tell changes nothing.
        columns.apply(0);
        assertThat(visible(grid)).containsExactly("time", "title");
    }

    private static List<String> visible(Grid<String> grid) {
        return grid.getColumns().stream().filter(Grid.Column::isVisible).map(Grid.Column::getKey).toList();
    }
}
