package vn.loaxa.library;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param audioDir    where imported files are stored
 * @param maxFileSize uploads above this are refused before decoding
 */
@ConfigurationProperties("loaxa.library")
public record LibraryProperties(
        @DefaultValue("audio") Path audioDir,
        @DefaultValue("200MB") DataSize maxFileSize) {

    Path incomingDir() {
        return audioDir.resolve(".incoming");
    }
}
