package vn.loaxa.upgrade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every row of some tables, in insertion order, as plain values: taken before an upgrade and again
 * after it, in the columns the table had before, so added columns do not count but a lost, changed
 * or added row does.
 */
public record TableRows(Map<String, List<String>> columns, Map<String, List<List<Object>>> rows) {

    public static TableRows of(JdbcClient jdbc, List<String> tables) {
        var columns = new LinkedHashMap<String, List<String>>();
        for (String table : tables) {
            columns.put(table, jdbc.sql("SELECT name FROM pragma_table_info(?) ORDER BY cid").param(table)
                    .query(String.class).list());
        }
        return read(jdbc, columns);
    }

    /** The same tables and columns as {@code this}, read from {@code jdbc} now. */
    public TableRows again(JdbcClient jdbc) {
        return read(jdbc, columns);
    }

    public int count(String table) {
        return rows.get(table).size();
    }

    private static TableRows read(JdbcClient jdbc, Map<String, List<String>> columns) {
        var rows = new LinkedHashMap<String, List<List<Object>>>();
        columns.forEach((table, names) -> {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("no table " + table);
            }
            String sql = "SELECT " + String.join(", ", names) + " FROM " + table + " ORDER BY rowid";
            rows.put(table, jdbc.sql(sql).query((rs, n) -> {
                var row = new ArrayList<Object>(names.size());
                for (int i = 1; i <= names.size(); i++) {
                    Object value = rs.getObject(i);
                    // SQLite hands integers back as Integer or Long depending on size: compare as text.
                    row.add(value == null ? null : value instanceof byte[] b ? java.util.HexFormat.of().formatHex(b)
                            : value.toString());
                }
                return (List<Object>) row;
            }).list());
        });
        return new TableRows(columns, rows);
    }
}
