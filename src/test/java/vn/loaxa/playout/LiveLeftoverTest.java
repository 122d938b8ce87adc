package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.WavHeader;
import vn.loaxa.base.StationProperties;
import vn.loaxa.library.LibraryService;
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
        var format = new PcmFormat(44_100, 1);
        // A tone no other test imports: the shared library would find the same bytes and store nothing new.
        var pcm = Wavs.sine(44_100, 1, 1.5, 437, 0.27);
        var bytes = new ByteArrayOutputStream();
        // The header as LiveCapture writes it when it opens: no length yet.
        bytes.writeBytes(WavHeader.of(format, 0));
        for (short s : pcm) {
            bytes.write(s & 0xff);
            bytes.write((s >> 8) & 0xff);
        }
        bytes.write(0x12); // half a frame: the write the crash cut
        var ordered = Instant.parse("2026-11-20T01:30:00Z");
        var folder = Files.createDirectories(station.dataDir().resolve("live"));
        var file = folder.resolve(vn.loaxa.schedule.Occurrence.liveKey(ordered) + ".wav");
        Files.write(file, bytes.toByteArray());

        live.keepLeftovers();

        assertThat(file).doesNotExist();
        var kept = library.findAll().stream().filter(a -> a.title().equals("Nói trực tiếp 20/11/2026 08:30 (ghi đến lúc mất điện)"))
                .findFirst().orElseThrow();
        assertThat(kept.durationMs()).isBetween(1_490L, 1_510L);
        assertThat(kept.channels()).isEqualTo(1);
        assertThat(kept.sampleRate()).isEqualTo(44_100);
    }
}
