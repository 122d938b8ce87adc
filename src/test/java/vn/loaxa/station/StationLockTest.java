package vn.loaxa.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock within one process. Two processes on one folder are {@code OneStationPerFolderTest}'s
 * (real processes); this test never reads the lock file, since on Linux that would drop the lock.
 */
class StationLockTest {

    @TempDir
    Path home;

    @Test
    void a_second_context_of_the_same_process_gets_the_lock_the_process_already_holds() {
        var data = home.resolve("data");

        var first = StationLock.acquire(data, ZoneId.of("Asia/Ho_Chi_Minh"));
        var second = StationLock.acquire(data.resolve("."), ZoneId.of("Asia/Ho_Chi_Minh"));

        assertThat(second).isSameAs(first);
        assertThat(first.holder().pid()).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
        assertThat(first.holder().host()).isNotBlank();
        assertThat(first.holder().startedAt()).isNotNull();
        assertThat(first.holder().startedAt().getOffset().getId()).isEqualTo("+07:00");
        assertThat(data.resolve(StationLock.FILE_NAME)).exists();
    }

    @Test
    void the_holder_text_reads_back_and_a_half_written_one_still_gives_what_it_has() {
        var holder = StationLock.Holder.of(4321, "may-dai-gio-son", OffsetDateTime.parse("2026-12-02T05:30:00+07:00"));

        assertThat(StationLock.Holder.parse(holder.text())).isEqualTo(holder);
        assertThat(StationLock.Holder.parse("pid=4321\nho")).isEqualTo(new StationLock.Holder("4321", "?", "?"));
        assertThat(StationLock.Holder.parse("")).isEqualTo(new StationLock.Holder("?", "?", "?"));
        assertThat(new StationLock.Holder("1", "h", "?").startedAt()).isNull();
    }
}
