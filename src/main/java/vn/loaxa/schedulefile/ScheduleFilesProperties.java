package vn.loaxa.schedulefile;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dir              the schedule files ({@code *.yaml}) loaded on the first start
 * @param audioDir         where audio file references in schedule files are looked up
 * @param loadOnFirstStart load {@code dir} when the station has no programmes and no audio yet
 */
@ConfigurationProperties("loaxa.schedules")
public record ScheduleFilesProperties(
        @DefaultValue("schedules") Path dir,
        @DefaultValue("audio/samples") Path audioDir,
        @DefaultValue("true") boolean loadOnFirstStart) {
}
