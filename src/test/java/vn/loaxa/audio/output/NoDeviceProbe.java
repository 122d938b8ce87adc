package vn.loaxa.audio.output;

import java.time.Instant;
import java.util.List;
import vn.loaxa.audio.PcmFormat;

/** Run in a child JVM that can reach no sound server: prints what the station would report. */
public final class NoDeviceProbe {

    public static void main(String[] args) {
        System.out.println("devices=" + OutputDevices.list());
        try {
            OutputDevices.openLine("default", PcmFormat.CD_STEREO, 8_820).close();
            System.out.println("opened");
        } catch (NoOutputDeviceException e) {
            System.out.println("openLine: " + e.reason() + ": " + e.getMessage());
        }
        try {
            new Player(PlayerConfig.defaults()).play(List.of(), Instant.now(), new PlayoutListener() {
            });
            System.out.println("played");
        } catch (NoOutputDeviceException e) {
            System.out.println("play: " + e.reason() + ": " + e.getMessage());
        }
    }
}
