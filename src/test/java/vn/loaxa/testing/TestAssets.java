package vn.loaxa.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.ImportRejectedException;
import vn.loaxa.library.LibraryService;

/** Real library assets for schedule tests: short WAVs, each with different content, imported for real. */
public final class TestAssets {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestAssets() {
    }

    /**
     * An asset that is the audio of an approved bulletin valid from a year ago, open-ended: what an
     * operator may air in a one-off. Written by an operator and approved by a leader, as the station requires.
     */
    public static AudioAsset approved(LibraryService library, BulletinService bulletins, TopicService topics, Path tmp,
                                      String title, double seconds) {
        var asset = wav(library, tmp, title, seconds);
        var written = RunAs.run("can.bo.soan", "OPERATOR", () -> bulletins.create(new Bulletin.Draft(asset.id(), title,
                topics.findAll().getFirst().id(), "", "", LocalDate.now().minusYears(1), null)));
        RunAs.run("lanh.dao.duyet", "APPROVER", () -> bulletins.approve(written.id(), null));
        return asset;
    }

    public static AudioAsset wav(LibraryService library, Path tmp, String title, double seconds) {
        int n = NEXT.incrementAndGet();
        try {
            var file = Wavs.write16(tmp.resolve("a" + n + ".wav"), 8_000, 1, Wavs.sine(8_000, 1, seconds, 200 + n, 0.3));
            try (InputStream in = Files.newInputStream(file)) {
                // A fixture, not the case under test: imported with the rights of whoever may import.
                return RunAs.call("test", "ADMIN", () -> library.importFile(in, title + ".wav", title, "test")).asset();
            }
        } catch (IOException | ImportRejectedException e) {
            throw new IllegalStateException(e);
        }
    }
}
