package vn.loaxa.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one backup holds: the database copy and every audio file, each with its SHA-256 and size.
 * A text file ({@value #FILE_NAME}) a technician can read: comment lines start with {@code #}, then
 * one line per file, {@code <sha256> <size> <path>}; the database is {@value #DATABASE} inside the
 * backup's folder, an audio file is {@code audio/<path in the audio folder>} and lives in the
 * backup root's {@code objects/} under its hash.
 */
record Manifest(String createdAt, long airLogRows, List<Entry> entries) {

    static final String FILE_NAME = "manifest.txt";
    static final String DATABASE = "loaxa.db";
    static final String AUDIO_PREFIX = "audio/";
    private static final String HEADER = "# Loa Xã backup manifest v1";

    record Entry(String sha256, long size, String path) {
        boolean isDatabase() {
            return DATABASE.equals(path);
        }
    }

    Entry database() {
        return entries.stream().filter(Entry::isDatabase).findFirst()
                .orElseThrow(() -> new IllegalStateException("The manifest names no database copy"));
    }

    List<Entry> audio() {
        return entries.stream().filter(e -> !e.isDatabase()).toList();
    }

    void write(Path file) throws IOException {
        var sb = new StringBuilder(HEADER).append('\n')
                .append("# created ").append(createdAt).append('\n')
                .append("# air-log-rows ").append(airLogRows).append('\n');
        for (var e : entries) {
            sb.append(e.sha256()).append(' ').append(e.size()).append(' ').append(e.path()).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /** Reads a manifest; a line that does not parse is an error, never skipped. */
    static Manifest read(Path file) throws IOException {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
            throw new IOException("Not a Loa Xã backup manifest: " + file);
        }
        String created = "";
        long rows = -1;
        var entries = new ArrayList<Entry>();
        for (var line : lines.subList(1, lines.size())) {
            if (line.startsWith("# created ")) {
                created = line.substring("# created ".length());
            } else if (line.startsWith("# air-log-rows ")) {
                rows = Long.parseLong(line.substring("# air-log-rows ".length()).strip());
            } else if (line.startsWith("#") || line.isEmpty()) {
                continue;
            } else {
                var parts = line.split(" ", 3);
                if (parts.length != 3 || !parts[0].matches("[0-9a-f]{64}") || !parts[1].matches("[0-9]{1,19}")
                        || parts[2].contains("..") || parts[2].startsWith("/")) {
                    throw new IOException("Manifest line does not parse: " + line);
                }
                entries.add(new Entry(parts[0], Long.parseLong(parts[1]), parts[2]));
            }
        }
        if (entries.stream().noneMatch(Entry::isDatabase)) {
            throw new IOException("The manifest names no database copy: " + file);
        }
        return new Manifest(created, rows, List.copyOf(entries));
    }
}
