package vn.loaxa.zone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

/**
 * What the village switching tests share: the body of {@code PUT /api/settings/switching}, and a
 * switching program that records each call it gets, with the instant, as a technician's script would.
 */
public final class SwitchingForTests {

    private SwitchingForTests() {
    }

    /** A settings body: the chosen driver and what it reads, the other drivers at their defaults. */
    public static String settings(String driver, long preRollMs, String serialPort, String program, String broker) {
        return """
                {"driver": "%s", "preRollMs": %d, "serialPort": "%s", "baudRate": 9600, "modbusUnit": 1,
                 "serialTimeoutMs": 300, "mqttBroker": "%s", "mqttUsername": "", "mqttClientId": "gioson-station",
                 "mqttTimeoutMs": 1500, "commandProgram": "%s", "commandTimeoutMs": 3000,
                 "dtmfLevelDbfs": -10, "dtmfToneMs": 100, "dtmfPauseMs": 100}"""
                .formatted(driver, preRollMs, serialPort, broker, program);
    }

    /** A program in {@code dir} that appends "{@code <epoch ms> <its arguments>}" to {@code calls.txt} there. */
    public static Path recordingProgram(Path dir) throws IOException {
        var program = dir.resolve("switch.sh");
        Files.writeString(program, """
                #!/bin/sh
                echo "$(date +%%s%%3N) $*" >> '%s'
                """.formatted(dir.resolve("calls.txt")));
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    /** One call the recording program got. */
    public record Call(Instant at, String arguments) {
    }

    public static List<Call> calls(Path dir) throws IOException {
        var file = dir.resolve("calls.txt");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(l -> new Call(
                Instant.ofEpochMilli(Long.parseLong(l.substring(0, l.indexOf(' ')))), l.substring(l.indexOf(' ') + 1)))
                .toList();
    }
}
