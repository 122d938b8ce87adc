package vn.loaxa.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the clock tools' answers, from their real output. */
class ClockSyncTest {

    private static final String W32TM_SYNCED = """
            Leap Indicator: 0(no warning)
            Stratum: 4 (secondary reference - syncd by (S)NTP)
            Precision: -23 (119.209ns per tick)
            Root Delay: 0.0404053s
            Root Dispersion: 8.0447193s
            ReferenceId: 0x14651A4B (source IP:  20.101.57.9)
            Last Successful Sync Time: 03/12/2026 07:12:44
            Source: time.windows.com,0x9
            Poll Interval: 10 (1024s)
            """;

    private static final String W32TM_CMOS = """
            Leap Indicator: 3(not synchronized)
            Stratum: 0 (unspecified)
            Precision: -23 (119.209ns per tick)
            Root Delay: 0.0000000s
            Root Dispersion: 0.0000000s
            ReferenceId: 0x00000000 (unspecified)
            Last Successful Sync Time: unspecified
            Source: Local CMOS Clock
            Poll Interval: 10 (1024s)
            """;

    private static final String W32TM_LOCAL_SOURCE_LEAP_0 = W32TM_CMOS.replace("Leap Indicator: 3(not synchronized)",
            "Leap Indicator: 0(no warning)").replace("Local CMOS Clock", "Free-running System Clock");

    private static final String W32TM_SERVICE_STOPPED = """
            The following error occurred: The service has not been started. (0x80070426)
            """;

    @Test
    void timedatectl_yes_and_no() {
        assertThat(ClockSync.fromTimedatectl(0, "yes\n").state()).isEqualTo(ClockSync.State.SYNCED);
        assertThat(ClockSync.fromTimedatectl(0, "no\n").state()).isEqualTo(ClockSync.State.NOT_SYNCED);
    }

    @Test
    void timedatectl_without_systemd_is_unknown_with_its_words() {
        var sync = ClockSync.fromTimedatectl(1,
                "System has not been booted with systemd as init system (PID 1). Can't operate.\n"
                        + "Failed to connect to bus: Host is down\n");
        assertThat(sync.state()).isEqualTo(ClockSync.State.UNKNOWN);
        assertThat(sync.note()).contains("exit 1").contains("System has not been booted with systemd");
    }

    @Test
    void w32tm_synchronised_names_its_source_and_last_sync() {
        var sync = ClockSync.fromW32tm(0, W32TM_SYNCED);
        assertThat(sync.state()).isEqualTo(ClockSync.State.SYNCED);
        assertThat(sync.note()).contains("time.windows.com,0x9").contains("03/12/2026 07:12:44");
    }

    @Test
    void w32tm_on_the_cmos_clock_or_free_running_is_not_synchronised() {
        assertThat(ClockSync.fromW32tm(0, W32TM_CMOS).state()).isEqualTo(ClockSync.State.NOT_SYNCED);
        assertThat(ClockSync.fromW32tm(0, W32TM_CMOS).note()).contains("Local CMOS Clock").contains("leap indicator 3");
        assertThat(ClockSync.fromW32tm(0, W32TM_LOCAL_SOURCE_LEAP_0).state()).isEqualTo(ClockSync.State.NOT_SYNCED);
    }

    @Test
    void w32tm_with_its_service_stopped_is_not_synchronised_and_garbage_is_unknown() {
        assertThat(ClockSync.fromW32tm(-2147023838, W32TM_SERVICE_STOPPED).state())
                .isEqualTo(ClockSync.State.NOT_SYNCED);
        assertThat(ClockSync.fromW32tm(0, "Trạng thái: không rõ\n").state()).isEqualTo(ClockSync.State.UNKNOWN);
    }
}
