package vn.loaxa.securitysuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import vn.loaxa.security.Role;

/**
 * The README's API table ("| `POST /api/library` | ADMIN, OPERATOR | ... |"): the calls it documents
 * and who may make each, as the people who run the station read them.
 */
final class ReadmeApiTable {

    private static final Pattern ROW = Pattern.compile("^\\| `(GET|POST|PUT|PATCH|DELETE) (/api/[^`?\\s]*)[^`]*` \\| ([^|]*) \\|");

    private ReadmeApiTable() {
    }

    /** {@code "POST /api/library"} → the roles allowed, in the README's order of rows. */
    static Map<String, Set<Role>> read() {
        String text;
        try {
            text = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The suite runs in the project folder, beside README.md", e);
        }
        var rows = new LinkedHashMap<String, Set<Role>>();
        for (var line : text.split("\n")) {
            var m = ROW.matcher(line);
            if (m.find()) {
                rows.put(m.group(1) + " " + m.group(2), who(m.group(3).strip(), line));
            }
        }
        return rows;
    }

    /** "any user" → every role; "ADMIN, OPERATOR" → those; a remark in parentheses after them is read past. */
    static Set<Role> who(String cell, String line) {
        int remark = cell.indexOf('(');
        if (remark >= 0) {
            cell = cell.substring(0, remark).strip();
        }
        if (cell.equalsIgnoreCase("any user")) {
            return EnumSet.allOf(Role.class);
        }
        var roles = EnumSet.noneOf(Role.class);
        for (var part : cell.split(",")) {
            try {
                roles.add(Role.valueOf(part.strip()));
            } catch (IllegalArgumentException e) {
                throw new AssertionError("README API table: \"" + cell + "\" is neither \"any user\" nor a list of roles: "
                        + line);
            }
        }
        return roles;
    }
}
