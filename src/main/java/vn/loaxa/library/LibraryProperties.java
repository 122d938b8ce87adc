package vn.loaxa.library;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param audioDir    where imported files are stored
 * @param maxFileSize uploads above this are refused while they stream in, before decoding
 * @param maxDuration the default longest audio of one file (an admin changes it in Cài đặt)
 * @param ffmpegPath  the ffmpeg program that converts phone formats on import; blank = {@code ffmpeg} on
 *                    the PATH, then {@code C:\ffmpeg\bin\} and {@code C:\Program Files\ffmpeg\bin\}
 * @param convertTimeout a conversion still running after this is stopped and the upload refused
 */
@ConfigurationProperties("loaxa.library")
public record LibraryProperties(
        @DefaultValue("audio") Path audioDir,
        @DefaultValue("200MB") DataSize maxFileSize,
        @DefaultValue("3h") Duration maxDuration,
        @DefaultValue("") String ffmpegPath,
        @DefaultValue("5m") Duration convertTimeout) {

    /**
     * The staging folder: uploads (from the UI and the API's multipart parts) are written here while
     * they arrive, beside the library so the final move is a rename on the same disk.
     */
    public Path incomingDir() {
        return audioDir.resolve(".incoming");
    }
}
