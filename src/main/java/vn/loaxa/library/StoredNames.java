package vn.loaxa.library;

import java.text.Normalizer;
import java.util.Locale;

/**
 * File names on disk are ASCII, short and unique: Vietnamese diacritics, spaces and shell-hostile
 * characters break copying to USB sticks, zip tools and some Windows setups. The original name
 * stays in the database for display.
 */
final class StoredNames {

    private static final int MAX_STEM = 60;

    private StoredNames() {
    }

    static String of(String originalFilename, String sha256, String container) {
        var base = originalFilename.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        var stem = slug(base);
        if (stem.isEmpty()) {
            stem = "audio";
        }
        return stem + "-" + sha256.substring(0, 12) + "." + container.toLowerCase(Locale.ROOT);
    }

    static String slug(String s) {
        // đ/Đ are letters of their own, not d plus a mark, so NFD does not split them.
        var folded = Normalizer.normalize(s.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (folded.length() > MAX_STEM) {
            folded = folded.substring(0, MAX_STEM).replaceAll("-+$", "");
        }
        return folded;
    }
}
