package vn.loaxa.schedulefile;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import vn.loaxa.base.Texts;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.security.SystemIdentity;

/**
 * On the first start (no programmes and no audio yet) loads {@code loaxa.schedules.dir}, so a new
 * station is the commune's station at once. The import runs as the user {@value #SEED_USER}, so
 * every row it writes (assets, bulletins and their approval, programmes) says where it came from.
 * A broken file is logged with its problems and the station starts empty rather than not at all.
 */
@Component
@Order(10)
class FirstStartImport implements ApplicationRunner {

    static final String SEED_USER = "seed";
    private static final Logger log = LoggerFactory.getLogger(FirstStartImport.class);

    private final ScheduleFileService files;
    private final ScheduleFilesProperties properties;
    private final ProgrammeService programmes;
    private final LibraryService library;

    FirstStartImport(ScheduleFileService files, ScheduleFilesProperties properties, ProgrammeService programmes,
                     LibraryService library) {
        this.files = files;
        this.properties = properties;
        this.programmes = programmes;
        this.library = library;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!properties.loadOnFirstStart() || !programmes.findAll().isEmpty() || !library.findAll().isEmpty()) {
            return;
        }
        List<ScheduleFileService.SourceFile> sources;
        try {
            sources = ScheduleFileService.filesIn(properties.dir());
        } catch (ScheduleFileException e) {
            // A file over the size limit: the station starts with an empty schedule and says why.
            log.error("First start: the schedule files in {} were not loaded:\n  {}",
                    properties.dir().toAbsolutePath(), String.join("\n  ", e.messages(Texts.ENGLISH)));
            return;
        }
        if (sources.isEmpty()) {
            log.info("No schedule files in {}; the station starts with an empty schedule", properties.dir());
            return;
        }
        try {
            // Importing schedule files is an admin's change; on the first start the station makes it itself.
            var changes = SystemIdentity.call(SEED_USER, () -> files.apply(sources));
            log.info("First start: loaded {} from {} ({} changes)",
                    sources.stream().map(ScheduleFileService.SourceFile::name).toList(), properties.dir(),
                    changes.size());
        } catch (ScheduleFileException e) {
            log.error("First start: the schedule files in {} were not loaded:\n  {}", properties.dir().toAbsolutePath(),
                    String.join("\n  ", e.messages(Texts.ENGLISH)));
        }
    }
}
