package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stations started as real processes on one data folder, as happens when someone starts the
 * station by hand while the service already runs. The engine is off: these tests need no sound card.
 */
class OneStationPerFolderTest {

    private static final String NO_PLAYOUT = "loaxa.playout.enabled=false";

    @TempDir
    Path home;

    @Test
    void refuses_a_second_station_on_the_same_data_folder_and_names_the_one_that_holds_it() throws Exception {
        var data = home.resolve("data");
        try (var first = new StationProcess(home.resolve("first"), data, NO_PLAYOUT);
             var second = new StationProcess(home.resolve("second"), data, NO_PLAYOUT)) {
            first.start();

            int exit = second.startAndAwaitExit(Duration.ofSeconds(60));

            var log = second.logText();
            assertThat(exit).as(log).isEqualTo(75);
            assertThat(log).contains("APPLICATION FAILED TO START")
                    .contains("PID " + first.pid())
                    .contains("trên máy " + hostName())
                    .contains("process PID " + first.pid() + " on host " + hostName())
                    .containsPattern("chạy từ \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2} \\+07:00")
                    .contains(data.toRealPath().toString());
            // Refused before anything was built: no web server, no database, no engine.
            assertThat(log).doesNotContain("Tomcat", "Flyway", "Playout engine", "\tat ");
            assertThat(first.api().get("/api/status", "admin", StationProcess.PASSWORD).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void after_kill_9_of_the_station_a_new_start_on_its_folder_succeeds() throws Exception {
        var data = home.resolve("data");
        try (var first = new StationProcess(home.resolve("first"), data, NO_PLAYOUT);
             var second = new StationProcess(home.resolve("second"), data, NO_PLAYOUT)) {
            first.start();
            var killed = first.pid();
            first.kill();

            second.start();

            assertThat(second.api().get("/api/status", "admin", StationProcess.PASSWORD).statusCode()).isEqualTo(200);
            // The stale file of the killed station was taken over and now names the new holder.
            var lockText = Files.readString(data.resolve("station.lock"));
            assertThat(lockText).contains("pid=" + second.pid()).doesNotContain("pid=" + killed);
        }
    }

    private static String hostName() throws Exception {
        var linux = Path.of("/proc/sys/kernel/hostname");
        return Files.isReadable(linux) ? Files.readString(linux).strip() : java.net.InetAddress.getLocalHost().getHostName();
    }
}
