package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.WavHeader;
import vn.loaxa.base.StationProperties;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/**
 * A live broadcast cut by kill -9 or a power cut leaves its recording with the header it was opened
 * with (no length) and maybe half a frame at the end. The next start completes it and keeps it in
 * the library, so what was said before the crash is evidence too; nothing is left in the live folder.
 */
class LiveLeftoverTest extends SpringTest {

    @Autowired
    LiveBroadcasts live;
    @Autowired
    LibraryService library;
    @Autowired
    StationProperties station;

    @Test
    void a_recording_cut_by_a_crash_is_completed_and_kept_at_the_next_start() throws Exception {
        // A tone no other test imports: the shared library would find the same bytes and store nothing new.
        var file = leftover(Instant.parse("2026-11-20T01:30:00Z"), 437);

        live.keepLeftovers();

        assertThat(file).doesNotExist();
        var kept = library.findAll().stream().filter(a -> a.title().equals("Nói trực tiếp 20/11/2026 08:30 (ghi đến lúc mất điện)"))
                .findFirst().orElseThrow();
        assertThat(kept.durationMs()).isBetween(1_490L, 1_510L);
        assertThat(kept.channels()).isEqualTo(1);
        assertThat(kept.sampleRate()).isEqualTo(44_100);
        // No note of who spoke survived (an older station's leftover): the library says it does not know.
        assertThat(kept.importedBy()).isEqualTo("?");
    }

    @Test
    void the_speaker_noted_beside_the_recording_is_who_the_kept_recording_names() throws Exception {
        var ordered = Instant.parse("2026-11-21T02:05:00Z");
        var file = leftover(ordered, 529);
        var key = Occurrence.liveKey(ordered);
        var note = Files.writeString(file.resolveSibling(key + ".speaker"), "dieuhanh");
        // A note whose recording never began: the crash came before the first sample.
        var orphan = Files.writeString(file.resolveSibling(Occurrence.liveKey(ordered.plusSeconds(60)) + ".speaker"),
                "bientap");

        live.keepLeftovers();

        assertThat(file).doesNotExist();
        assertThat(note).doesNotExist();
        assertThat(orphan).doesNotExist();
        var kept = library.findAll().stream()
                .filter(a -> a.title().equals("Nói trực tiếp 21/11/2026 09:05 – dieuhanh (ghi đến lúc mất điện)"))
                .findFirst().orElseThrow();
        assertThat(kept.importedBy()).isEqualTo("dieuhanh");
        assertThat(kept.durationMs()).isBetween(1_490L, 1_510L);
    }

    /** A recording as LiveCapture leaves it when the process dies: the opening header and a torn last frame. */
    private Path leftover(Instant ordered, double hz) throws Exception {
        var format = new PcmFormat(44_100, 1);
        var pcm = Wavs.sine(44_100, 1, 1.5, hz, 0.27);
        var bytes = new ByteArrayOutputStream();
        // The header as LiveCapture writes it when it opens: no length yet.
        bytes.writeBytes(WavHeader.of(format, 0));
        for (short s : pcm) {
            bytes.write(s & 0xff);
            bytes.write((s >> 8) & 0xff);
        }
        bytes.write(0x12); // half a frame: the write the crash cut
        var folder = Files.createDirectories(station.dataDir().resolve("live"));
        var file = folder.resolve(Occurrence.liveKey(ordered) + ".wav");
        Files.write(file, bytes.toByteArray());
        return file;
    }
}
