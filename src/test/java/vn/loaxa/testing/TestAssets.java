package vn.loaxa.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.ImportRejectedException;
import vn.loaxa.library.LibraryService;

/** Real library assets for schedule tests: short WAVs, each with different content, imported for real. */
public final class TestAssets {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestAssets() {
    }

    public static AudioAsset wav(LibraryService library, Path tmp, String title, double seconds) {
        int n = NEXT.incrementAndGet();
        try {
            var file = Wavs.write16(tmp.resolve("a" + n + ".wav"), 8_000, 1, Wavs.sine(8_000, 1, seconds, 200 + n, 0.3));
            try (InputStream in = Files.newInputStream(file)) {
                return library.importFile(in, title + ".wav", title, "test").asset();
            }
        } catch (IOException | ImportRejectedException e) {
            throw new IllegalStateException(e);
        }
    }
}
